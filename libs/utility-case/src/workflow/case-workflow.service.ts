import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

import type {
  CaseStep,
  ExternalWorks,
  PermitType,
  ServiceStep,
  Specialist,
} from '@joint/contracts';
import { Clock } from '@joint/platform';

import { StepDetails } from '../case/case-step.entity';
import { CaseError } from '../case/case.error';
import { UtilityCase } from '../case/utility-case.entity';
import { observeStepDuration } from '../metrics/case-step-duration.metric';
import { profileSettingsOf } from '../settings/choose-profile';
import { ProfileSettings, UtilitySettings } from '../settings/utility-settings';
import { UTILITY_SETTINGS } from '../settings/utility-settings.token';
import { CaseDeadlines } from './case-deadlines';
import { CaseProgressRecorder } from './case-progress.recorder';
import {
  CaseState,
  illegalStepReason,
  isCaseEvent,
  limitOf,
  pendingStepAfter,
  StepSource,
  surveyFindingReason,
} from './case-transitions';

/** A step someone asks a case to take, with what it carries. */
export interface TakeStep {
  step: ServiceStep;
  source: StepSource;
  actor?: string;
  note?: string;
  specialist?: Specialist;
  externalWorks?: ExternalWorks;
  contractNo?: string;
  permits?: PermitType[];
  reasons?: string[];
  /** On `returned`: the step to take again once resumed, instead of the pending one. */
  redo?: CaseStep;
}

/**
 * A case's life: checks a step against the transition rules and the profile, changes the
 * case, restarts or stops its clock, and records the step with its event. The caller holds
 * the case locked in its transaction; an illegal step throws and changes nothing.
 */
@Injectable()
export class CaseWorkflow {
  constructor(
    @Inject(UTILITY_SETTINGS) private readonly settings: UtilitySettings,
    private readonly deadlines: CaseDeadlines,
    private readonly recorder: CaseProgressRecorder,
    private readonly clock: Clock,
  ) {}

  stateOf(utilityCase: UtilityCase): CaseState {
    return {
      status: utilityCase.status,
      currentStep: utilityCase.currentStep,
      pendingStep: utilityCase.pendingStep,
      externalWorks: utilityCase.externalWorks?.required ?? null,
      rule: this.profileOf(utilityCase).externalWorks,
    };
  }

  async take(manager: EntityManager, utilityCase: UtilityCase, request: TakeStep): Promise<void> {
    const reason = this.reasonAgainst(utilityCase, request);
    if (reason) throw CaseError.illegal(reason);

    const now = this.clock.now();
    const since = utilityCase.clockStartedAt ?? utilityCase.updatedAt;
    const deadlineNote = this.apply(utilityCase, request, now);
    const note = [request.note, deadlineNote].filter(Boolean).join('; ') || undefined;
    const details: StepDetails = {
      ...(request.actor && { actor: request.actor }),
      ...(note && { note }),
      ...(request.specialist && { specialist: request.specialist }),
      ...(request.externalWorks && { externalWorks: request.externalWorks }),
      // The permit office groups excavations by road: the request carries the surveyed route.
      ...(request.step === 'permits_requested' &&
        utilityCase.externalWorks && { externalWorks: utilityCase.externalWorks }),
      ...(request.contractNo && { contractNo: request.contractNo }),
      ...(request.permits && { permits: request.permits }),
      ...(request.reasons && { reasons: request.reasons }),
    };
    await this.recorder.record(manager, utilityCase, { step: request.step, at: now, details });
    const { utility, profile } = utilityCase;
    observeStepDuration({ utility, profile, step: request.step, since, at: now });
  }

  /**
   * Starts the clock of `pendingStep` at `from`: its due date from the profile's limit, its
   * warnings reset. Returns a note when no due date could be computed.
   */
  startClock(
    utilityCase: UtilityCase,
    pendingStep: CaseStep | null,
    from: Date,
  ): string | undefined {
    utilityCase.pendingStep = pendingStep;
    utilityCase.warnedAt = null;
    utilityCase.overdueAt = null;
    if (pendingStep === null || pendingStep === 'received') return this.stopClock(utilityCase);

    const profile = this.profileOf(utilityCase);
    const days = limitOf(profile, pendingStep, utilityCase.externalWorks?.required ?? null) ?? 0;
    const context = { applicationNo: utilityCase.applicationNo, step: pendingStep };
    const deadline = this.deadlines.dueBy(from, days, context);
    utilityCase.clockStartedAt = from;
    utilityCase.dueBy = deadline.dueBy;
    return deadline.note;
  }

  private reasonAgainst(utilityCase: UtilityCase, request: TakeStep): string | null {
    const reason = illegalStepReason(this.stateOf(utilityCase), request.step, request.source);
    if (reason || request.step !== 'survey_done' || !request.externalWorks) return reason;

    const rule = this.profileOf(utilityCase).externalWorks;
    return surveyFindingReason(rule, request.externalWorks.required);
  }

  /** Changes the case as `request.step` says; returns a note about its due date, if any. */
  private apply(utilityCase: UtilityCase, request: TakeStep, now: Date): string | undefined {
    const { step } = request;
    if (!isCaseEvent(step)) return this.advance(utilityCase, step, request, now);

    switch (step) {
      case 'returned':
        utilityCase.status = 'returned';
        utilityCase.returnedReasons = request.reasons ?? [];
        utilityCase.pendingStep = request.redo ?? utilityCase.pendingStep;
        return this.stopClock(utilityCase);
      case 'resumed':
        utilityCase.status = 'in_progress';
        utilityCase.returnedReasons = null;
        return this.startClock(utilityCase, utilityCase.pendingStep, now);
      case 'withdrawn':
        utilityCase.status = 'withdrawn';
        utilityCase.pendingStep = null;
        return this.stopClock(utilityCase);
      case 'overdue_warning':
      case 'overdue':
        return undefined;
    }
  }

  private advance(
    utilityCase: UtilityCase,
    step: CaseStep,
    request: TakeStep,
    now: Date,
  ): string | undefined {
    utilityCase.currentStep = step;
    if (request.specialist) utilityCase.specialist = request.specialist;
    if (request.externalWorks) utilityCase.externalWorks = request.externalWorks;
    if (request.contractNo) utilityCase.contractNo = request.contractNo;
    if (request.permits) {
      utilityCase.permitsRequested = [...new Set(request.permits)];
      utilityCase.permitsGranted = [];
    }

    const rule = this.profileOf(utilityCase).externalWorks;
    const next = pendingStepAfter(step, rule, utilityCase.externalWorks?.required ?? null);
    if (next === null) utilityCase.status = 'connected';
    return this.startClock(utilityCase, next, now);
  }

  private profileOf(utilityCase: UtilityCase): ProfileSettings {
    return profileSettingsOf(this.settings, utilityCase.profile);
  }

  private stopClock(utilityCase: UtilityCase): undefined {
    utilityCase.clockStartedAt = null;
    utilityCase.dueBy = null;
    utilityCase.warnedAt = null;
    utilityCase.overdueAt = null;
    return undefined;
  }
}
