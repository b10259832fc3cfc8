import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';

import { validatePlain } from '@joint/contracts';

import { CaseError } from '../case/case.error';
import { UtilityCase } from '../case/utility-case.entity';
import { CaseWorkflow, TakeStep } from '../workflow/case-workflow.service';
import { lockCase } from '../workflow/lock-case';
import { AssignSpecialistRequest, StepRequest, stepFieldErrors } from './step-request.dto';

/**
 * The steps staff take on a case: each checked, then applied in one transaction holding the
 * case row locked, with its history row and its event in the outbox.
 */
@Injectable()
export class CaseStepService {
  private readonly logger = new Logger(CaseStepService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly workflow: CaseWorkflow,
  ) {}

  async assignSpecialist(
    applicationNo: string,
    body: unknown,
    actor: string,
  ): Promise<UtilityCase> {
    const checked = validatePlain(AssignSpecialistRequest, body);
    if (!checked.ok) throw CaseError.invalid(checked.errors);

    const { name, phone, note } = checked.value;
    return this.take(applicationNo, {
      step: 'specialist_assigned',
      source: 'staff',
      specialist: { name, phone },
      actor,
      note,
    });
  }

  async takeStep(applicationNo: string, body: unknown, actor: string): Promise<UtilityCase> {
    const checked = validatePlain(StepRequest, body);
    if (!checked.ok) throw CaseError.invalid(checked.errors);
    const errors = stepFieldErrors(checked.value);
    if (errors.length > 0) throw CaseError.invalid(errors);

    if (checked.value.step === 'specialist_assigned') {
      throw CaseError.illegal('specialist_assigned is taken by naming the specialist');
    }
    return this.take(applicationNo, { ...checked.value, source: 'staff', actor });
  }

  private async take(applicationNo: string, request: TakeStep): Promise<UtilityCase> {
    const changed = await this.dataSource.transaction(async (manager) => {
      const found = await lockCase(manager, applicationNo);
      if (!found) throw CaseError.notFound(applicationNo);

      await this.workflow.take(manager, found, request);
      return found;
    });
    this.logger.log(
      { applicationNo, step: request.step, actor: request.actor, pendingStep: changed.pendingStep },
      'step taken',
    );
    return changed;
  }
}
