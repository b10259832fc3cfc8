import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

import { WorkingCalendar } from '@joint/working-calendar';

import { CaseStepRecord } from './case/case-step.entity';
import { UtilityCase } from './case/utility-case.entity';
import { ApplicationAcceptedHandler } from './case-opening/application-accepted.handler';
import { CaseOpeningService } from './case-opening/case-opening.service';
import { CaseQueryController } from './case-query/case-query.controller';
import { CaseQueryService } from './case-query/case-query.service';
import { CaseStepController } from './case-steps/case-step.controller';
import { CaseStepService } from './case-steps/case-step.service';
import { CatalogueController } from './catalogue/catalogue.controller';
import { CreateUtilityCase1764760000000 } from './migrations/1764760000000-create-utility-case.migration';
import { AddCaseWorkflow1764780000000 } from './migrations/1764780000000-add-case-workflow.migration';
import { OVERDUE_OPTIONS, OverdueOptions } from './overdue/overdue-options';
import { OverdueScanner } from './overdue/overdue-scanner.service';
import { PermitDecisionService } from './permit-decisions/permit-decision.service';
import { PermitProgressedHandler } from './permit-decisions/permit-progressed.handler';
import { UtilitySettings } from './settings/utility-settings';
import { UTILITY_SETTINGS } from './settings/utility-settings.token';
import { ApplicationWithdrawnHandler } from './withdrawal/application-withdrawn.handler';
import { CaseDeadlines } from './workflow/case-deadlines';
import { CaseProgressRecorder } from './workflow/case-progress.recorder';
import { CaseWorkflow } from './workflow/case-workflow.service';

/** Add these to the utility service's TypeORM `entities`. */
export const UTILITY_CASE_ENTITIES = [UtilityCase, CaseStepRecord];

/** Add these to the utility service's TypeORM `migrations`, after the messaging ones. */
export const UTILITY_CASE_MIGRATIONS = [
  CreateUtilityCase1764760000000,
  AddCaseWorkflow1764780000000,
];

/**
 * A utility's cases: opened from `applications.accepted`, moved by staff over HTTP and by
 * the permit office's decisions, withdrawn from `applications.withdrawn`, watched for overdue
 * steps. Needs TypeORM, the messaging module and the `Clock` configured by the service.
 */
@Module({})
export class UtilityCaseModule {
  static forUtility(settings: UtilitySettings, overdue: OverdueOptions): DynamicModule {
    return {
      module: UtilityCaseModule,
      imports: [TypeOrmModule.forFeature(UTILITY_CASE_ENTITIES)],
      providers: [
        { provide: UTILITY_SETTINGS, useValue: settings },
        { provide: OVERDUE_OPTIONS, useValue: overdue },
        { provide: WorkingCalendar, useFactory: () => WorkingCalendar.fromFile() },
        CaseDeadlines,
        CaseProgressRecorder,
        CaseWorkflow,
        CaseOpeningService,
        ApplicationAcceptedHandler,
        CaseStepService,
        CaseQueryService,
        PermitDecisionService,
        PermitProgressedHandler,
        ApplicationWithdrawnHandler,
        OverdueScanner,
      ],
      controllers: [CaseQueryController, CaseStepController, CatalogueController],
      exports: [OverdueScanner, CaseWorkflow],
    };
  }
}
