import { DynamicModule, Module } from '@nestjs/common';

import { ServiceSchema, serviceModule } from '@joint/platform';

import { AccessLimits } from './access-limits/access-limits.service';
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
import { CreateStaffAccounts1764800000000 } from './migrations/1764800000000-create-staff-accounts';
import { AccountsController } from './staff/accounts.controller';
import { AuthController } from './staff/auth.controller';
import { RefreshToken } from './staff/refresh-token.entity';
import { StaffAccount } from './staff/staff-account.entity';
import { StaffAccounts } from './staff/staff-accounts.service';
import { StaffTokens } from './staff/staff-tokens.service';

export const INTAKE_SCHEMA: ServiceSchema = {
  entities: [
    Application,
    ApplicationCounter,
    IdempotentRequest,
    ServiceStepRecord,
    PermitUpdateRecord,
    StaffAccount,
    RefreshToken,
  ],
  migrations: [
    CreateIntakeTables1764750000100,
    AddStepDetails1764750000200,
    CreateStaffAccounts1764800000000,
  ],
};

/** The service centre's service: the form, the window, and the applicant's progress view. */
@Module({})
export class IntakeModule {
  static register(config: IntakeConfig): DynamicModule {
    return serviceModule(IntakeModule, config, {
      schema: INTAKE_SCHEMA,
      // The aggregator is intake's only consumer.
      consumerGroup: 'intake-progress',
      controllers: [ApplicationsController, ProgressController, AuthController, AccountsController],
      providers: [
        { provide: INTAKE_CONFIG, useValue: config },
        ApplicationsService,
        ProgressService,
        ProgressProjectionHandler,
        AccessLimits,
        StaffAccounts,
        StaffTokens,
      ],
    });
  }
}
