import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

import {
  CreateMessagingTables1764750000000,
  MESSAGING_ENTITIES,
  MessagingModule,
} from '@joint/messaging';
import { HealthController, loggerModule, MetricsController, typeOrmOptions } from '@joint/platform';

import { ApplicationCounter } from './applications/application-counter.entity';
import { Application } from './applications/application.entity';
import { ApplicationsController } from './applications/applications.controller';
import { ApplicationsService } from './applications/applications.service';
import { IdempotentRequest } from './applications/idempotent-request.entity';
import { IntakeConfig } from './config/intake-config';
import { INTAKE_CONFIG } from './config/intake-config.provider';
import { CreateIntakeTables1764750000100 } from './migrations/1764750000100-create-intake-tables';
import { PermitUpdateRecord } from './progress/permit-update.entity';
import { ProgressController } from './progress/progress.controller';
import { ProgressProjectionHandler } from './progress/progress-projection.handler';
import { ProgressService } from './progress/progress.service';
import { ServiceStepRecord } from './progress/service-step.entity';

export const INTAKE_ENTITIES = [
  Application,
  ApplicationCounter,
  IdempotentRequest,
  ServiceStepRecord,
  PermitUpdateRecord,
];

/** The service centre's service: the form, the window, and the applicant's progress view. */
@Module({})
export class IntakeModule {
  static register(config: IntakeConfig): DynamicModule {
    return {
      module: IntakeModule,
      imports: [
        loggerModule(config),
        TypeOrmModule.forRoot(
          typeOrmOptions(
            config,
            [...MESSAGING_ENTITIES, ...INTAKE_ENTITIES],
            [CreateMessagingTables1764750000000, CreateIntakeTables1764750000100],
          ),
        ),
        MessagingModule.forRoot({
          producer: 'intake',
          // The aggregator is the only consumer in intake.
          groupId: `${config.groupPrefix}intake-progress`,
          brokers: config.kafkaBrokers,
          partitions: config.topicPartitions,
          replicationFactor: config.replicationFactor,
        }),
      ],
      controllers: [
        ApplicationsController,
        ProgressController,
        HealthController,
        MetricsController,
      ],
      providers: [
        { provide: INTAKE_CONFIG, useValue: config },
        ApplicationsService,
        ProgressService,
        ProgressProjectionHandler,
      ],
    };
  }
}
