import { DynamicModule, Module } from '@nestjs/common';

import { ServiceSchema, serviceModule } from '@joint/platform';

import { ApplicationCounter } from './applications/application-counter.entity';
import { Application } from './applications/application.entity';
import { ApplicationsController } from './applications/applications.controller';
import { ApplicationsService } from './applications/applications.service';
import { IdempotentRequest } from './applications/idempotent-request.entity';
import { IntakeConfig } from './config/intake-config';
import { INTAKE_CONFIG } from './config/intake-config.provider';
import { CreateIntakeTables1764750000100 } from './migrations/1764750000100-create-intake-tables';
import { AddStepDetails1764750000200 } from './migrations/1764750000200-add-step-details';
import { PermitUpdateRecord } from './progress/permit-update.entity';
import { ProgressController } from './progress/progress.controller';
import { ProgressProjectionHandler } from './progress/progress-projection.handler';
import { ProgressService } from './progress/progress.service';
import { ServiceStepRecord } from './progress/service-step.entity';

export const INTAKE_SCHEMA: ServiceSchema = {
  entities: [
    Application,
    ApplicationCounter,
    IdempotentRequest,
    ServiceStepRecord,
    PermitUpdateRecord,
  ],
  migrations: [CreateIntakeTables1764750000100, AddStepDetails1764750000200],
};

/** The service centre's service: the form, the window, and the applicant's progress view. */
@Module({})
export class IntakeModule {
  static register(config: IntakeConfig): DynamicModule {
    return serviceModule(IntakeModule, config, {
      schema: INTAKE_SCHEMA,
      // The aggregator is intake's only consumer.
      consumerGroup: 'intake-progress',
      controllers: [ApplicationsController, ProgressController],
      providers: [
        { provide: INTAKE_CONFIG, useValue: config },
        ApplicationsService,
        ProgressService,
        ProgressProjectionHandler,
      ],
    });
  }
}
