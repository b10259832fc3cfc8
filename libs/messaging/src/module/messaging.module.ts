import { DynamicModule, FactoryProvider, Module, ModuleMetadata, Provider } from '@nestjs/common';

import { EventConsumer } from '../consumer/event-consumer.service';
import { KAFKA_CLIENT, createKafkaClient } from '../kafka/kafka-client.factory';
import { KafkaHealth } from '../kafka/kafka-health.service';
import { OutboxRelay } from '../outbox/outbox-relay.service';
import { TopicsInitializer } from '../topics/topics-initializer.service';
import { MESSAGING_OPTIONS, MessagingOptions } from './messaging-options';

export interface MessagingModuleAsyncOptions extends Pick<ModuleMetadata, 'imports'> {
  inject?: FactoryProvider['inject'];
  useFactory: FactoryProvider<MessagingOptions | Promise<MessagingOptions>>['useFactory'];
}

const SERVICES = [TopicsInitializer, OutboxRelay, EventConsumer, KafkaHealth];
const EXPORTS = [OutboxRelay, EventConsumer, KafkaHealth, KAFKA_CLIENT, MESSAGING_OPTIONS];

/**
 * Kafka for one service: topics created at start, the outbox relay, the service's consumer and a
 * health check. Needs a TypeORM `DataSource` from the app (`TypeOrmModule.forRoot`) whose
 * entities and migrations include `MESSAGING_ENTITIES` and `MESSAGING_MIGRATIONS`. Global, so a
 * feature module can inject `EventConsumer` to register its handlers.
 */
@Module({})
export class MessagingModule {
  static forRoot(options: MessagingOptions): DynamicModule {
    return MessagingModule.build([], { provide: MESSAGING_OPTIONS, useValue: options });
  }

  static forRootAsync(options: MessagingModuleAsyncOptions): DynamicModule {
    return MessagingModule.build(options.imports ?? [], {
      provide: MESSAGING_OPTIONS,
      inject: options.inject ?? [],
      useFactory: options.useFactory,
    });
  }

  private static build(
    imports: ModuleMetadata['imports'],
    optionsProvider: Provider,
  ): DynamicModule {
    const kafkaProvider: Provider = {
      provide: KAFKA_CLIENT,
      inject: [MESSAGING_OPTIONS],
      useFactory: createKafkaClient,
    };
    return {
      module: MessagingModule,
      global: true,
      imports,
      providers: [optionsProvider, kafkaProvider, ...SERVICES],
      exports: EXPORTS,
    };
  }
}
