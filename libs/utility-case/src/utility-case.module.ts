import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

import { UtilityCase } from './case/utility-case.entity';
import { ApplicationAcceptedHandler } from './case-opening/application-accepted.handler';
import { CaseOpeningService } from './case-opening/case-opening.service';
import { UtilityCaseController } from './case-query/utility-case.controller';
import { CreateUtilityCase1764760000000 } from './migrations/1764760000000-create-utility-case.migration';
import { UtilitySettings } from './settings/utility-settings';
import { UTILITY_SETTINGS } from './settings/utility-settings.token';

/** Add these to the utility service's TypeORM `entities`. */
export const UTILITY_CASE_ENTITIES = [UtilityCase];

/** Add these to the utility service's TypeORM `migrations`, after the messaging ones. */
export const UTILITY_CASE_MIGRATIONS = [CreateUtilityCase1764760000000];

/**
 * A utility's cases: opened from `applications.accepted`, read at
 * `GET /api/cases/:applicationNo`. Needs TypeORM and the messaging module
 * configured by the importing service.
 */
@Module({})
export class UtilityCaseModule {
  static forUtility(settings: UtilitySettings): DynamicModule {
    return {
      module: UtilityCaseModule,
      imports: [TypeOrmModule.forFeature(UTILITY_CASE_ENTITIES)],
      providers: [
        { provide: UTILITY_SETTINGS, useValue: settings },
        CaseOpeningService,
        ApplicationAcceptedHandler,
      ],
      controllers: [UtilityCaseController],
    };
  }
}
