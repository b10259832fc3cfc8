import { DynamicModule, ModuleMetadata, Type } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

import { AuthModule } from '@joint/auth';
import { MESSAGING_ENTITIES, MESSAGING_MIGRATIONS, MessagingModule } from '@joint/messaging';

import { ClockModule } from '../clock/clock.module';
import { ServiceConfig } from '../config/service-config';
import { typeOrmOptions } from '../database/typeorm-options';
import { HealthController } from '../health/health.controller';
import { loggerModule } from '../logging/logger.module';
import { MetricsController } from '../metrics/metrics.controller';

type EntityClass = Type<unknown>;
type MigrationClass = Type<unknown>;

/** A service's own tables: its entities and the migrations that make them. */
export interface ServiceSchema {
  entities: EntityClass[];
  migrations: MigrationClass[];
}

export interface ServiceParts extends Pick<
  ModuleMetadata,
  'imports' | 'controllers' | 'providers'
> {
  schema: ServiceSchema;
  /** The consumer group's name before the configured prefix; omit when nothing is consumed. */
  consumerGroup?: string;
  /** On a utility's service: the utility its staff must have in their scopes. */
  utility?: string;
}

/** The service's tables plus the outbox and inbox every service has. */
export function withMessagingTables(schema: ServiceSchema): ServiceSchema {
  return {
    entities: [...MESSAGING_ENTITIES, ...schema.entities],
    migrations: [...MESSAGING_MIGRATIONS, ...schema.migrations],
  };
}

/**
 * What every service runs besides its own features: JSON logs, its own
 * database brought up by its migrations, Kafka with outbox, inbox and its
 * consumer group, `/health` and `/metrics`, and the `Clock` (override it in tests).
 */
export function serviceModule(
  module: Type<unknown>,
  config: ServiceConfig,
  parts: ServiceParts,
): DynamicModule {
  const { entities, migrations } = withMessagingTables(parts.schema);
  return {
    module,
    imports: [
      loggerModule(config),
      AuthModule.forRoot({ publicKey: config.authPublicKey, utility: parts.utility }),
      ClockModule,
      TypeOrmModule.forRoot(typeOrmOptions(config, entities, migrations)),
      MessagingModule.forRoot({
        producer: config.service,
        groupId: parts.consumerGroup && `${config.groupPrefix}${parts.consumerGroup}`,
        brokers: config.kafkaBrokers,
        partitions: config.topicPartitions,
        replicationFactor: config.replicationFactor,
      }),
      ...(parts.imports ?? []),
    ],
    controllers: [...(parts.controllers ?? []), HealthController, MetricsController],
    providers: parts.providers ?? [],
  };
}
