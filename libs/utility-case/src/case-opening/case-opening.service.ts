import { randomUUID } from 'node:crypto';

import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

import { Clock } from '@joint/platform';

import { UtilityCase } from '../case/utility-case.entity';
import { chooseProfile, feesFor } from '../settings/choose-profile';
import { UtilitySettings } from '../settings/utility-settings';
import { UTILITY_SETTINGS } from '../settings/utility-settings.token';
import { CaseProgressRecorder } from '../workflow/case-progress.recorder';
import { CaseWorkflow } from '../workflow/case-workflow.service';
import { OpenCase } from './open-case.command';

/**
 * Opens this utility's case for each accepted application, with the profile its rules
 * choose and the fee items that apply, and owes the `received` step to `utility.progress`,
 * all in the caller's transaction.
 */
@Injectable()
export class CaseOpeningService {
  constructor(
    @Inject(UTILITY_SETTINGS) private readonly settings: UtilitySettings,
    private readonly workflow: CaseWorkflow,
    private readonly recorder: CaseProgressRecorder,
    private readonly clock: Clock,
  ) {}

  /**
   * Opens a case per application and returns the ones opened now. An
   * application that already has a case is left alone: the unique application
   * number guards even where the inbox did not, e.g. the same application
   * accepted twice under two event ids.
   */
  async openCases(commands: readonly OpenCase[], manager: EntityManager): Promise<UtilityCase[]> {
    const opened: UtilityCase[] = [];
    for (const command of commands) {
      const now = this.clock.now();
      const candidate = this.caseFor(command, now);
      const deadlineNote = this.workflow.startClock(candidate, 'specialist_assigned', now);
      if (!(await this.insertUnlessOpen(candidate, manager))) continue;

      const { description } = this.settings.profiles[candidate.profile];
      const note = [`profile ${candidate.profile}: ${description}`, deadlineNote];
      await this.recorder.record(manager, candidate, {
        step: 'received',
        at: now,
        details: {
          profile: candidate.profile,
          note: note.filter(Boolean).join('; '),
          fees: candidate.fees,
        },
      });
      opened.push(candidate);
    }
    return opened;
  }

  private caseFor({ accepted, request }: OpenCase, now: Date): UtilityCase {
    const profile = chooseProfile(this.settings, request);
    const { enterprise } = accepted.data.form;
    return Object.assign(new UtilityCase(), {
      id: randomUUID(),
      applicationNo: accepted.applicationNo,
      utility: this.settings.utility,
      status: 'in_progress',
      profile,
      currentStep: 'received',
      pendingStep: 'specialist_assigned',
      clockStartedAt: now,
      dueBy: null,
      warnedAt: null,
      overdueAt: null,
      openedAt: now,
      updatedAt: now,
      request,
      fees: feesFor(this.settings, profile, request),
      specialist: null,
      externalWorks: null,
      contractNo: null,
      permitsRequested: [],
      permitsGranted: [],
      permitDecisions: [],
      returnedReasons: null,
      enterpriseName: enterprise.name,
      siteAddress: enterprise.address,
      acceptedEventId: accepted.eventId,
      correlationId: accepted.correlationId,
    } satisfies UtilityCase);
  }

  private async insertUnlessOpen(row: UtilityCase, manager: EntityManager): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .insert()
      .into(UtilityCase)
      .values(row)
      // The only conflict a fresh uuid can meet is CASE_APPLICATION_NO_UNIQUE.
      .orIgnore()
      .returning(['id'])
      .execute();
    return (result.raw as unknown[]).length > 0;
  }
}
