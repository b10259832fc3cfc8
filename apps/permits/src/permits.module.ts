import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

import { MESSAGING_ENTITIES, MESSAGING_MIGRATIONS, MessagingModule } from '@joint/messaging';
import {
  HealthController,
  loggerModule,
  MetricsController,
  ServiceConfig,
  typeOrmOptions,
} from '@joint/platform';

import { CreatePermitApplication1764770000000 } from './migrations/1764770000000-create-permit-application.migration';
import { PermitApplication } from './permit-application/permit-application.entity';
import { PermitApplicationModule } from './permit-application/permit-application.module';

const ENTITIES = [...MESSAGING_ENTITIES, PermitApplication];
const MIGRATIONS = [...MESSAGING_MIGRATIONS, CreatePermitApplication1764770000000];

/** The permit office: knows the accepted applications; publishes nothing yet. */
@Module({})
export class PermitsModule {
  static register(config: ServiceConfig): DynamicModule {
    return {
      module: PermitsModule,
      imports: [
        loggerModule(config),
        TypeOrmModule.forRoot(typeOrmOptions(config, ENTITIES, MIGRATIONS)),
        MessagingModule.forRoot({
          producer: 'permits',
          groupId: `${config.groupPrefix}permits`,
          brokers: config.kafkaBrokers,
          partitions: config.topicPartitions,
          replicationFactor: config.replicationFactor,
        }),
        PermitApplicationModule,
      ],
      controllers: [HealthController, MetricsController],
    };
  }
}
