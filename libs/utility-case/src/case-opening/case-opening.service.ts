import { randomUUID } from 'node:crypto';

import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

import {
  ApplicationAccepted,
  CURRENT_VERSION,
  eventTypeOf,
  ServiceProgressed,
  Topics,
} from '@joint/contracts';
import { appendToOutbox, OutboxEntry } from '@joint/messaging';

import { CASE_APPLICATION_NO_UNIQUE, UtilityCase } from '../case/utility-case.entity';
import { UtilitySettings } from '../settings/utility-settings';
import { UTILITY_SETTINGS } from '../settings/utility-settings.token';
import { addWorkingDays } from '../working-days/add-working-days';
import { OpenCase } from './open-case.command';

/**
 * Opens this utility's case for each accepted application and owes the
 * `received` step to `utility.progress`, both in the caller's transaction.
 */
@Injectable()
export class CaseOpeningService {
  constructor(@Inject(UTILITY_SETTINGS) private readonly settings: UtilitySettings) {}

  /**
   * Opens a case per application and returns the ones opened now. An
   * application that already has a case is left alone: the unique application
   * number guards even where the inbox did not, e.g. the same application
   * accepted twice under two event ids.
   */
  async openCases(
    commands: readonly OpenCase[],
    manager: EntityManager,
    now = new Date(),
  ): Promise<UtilityCase[]> {
    const opened: UtilityCase[] = [];
    const owed: OutboxEntry[] = [];
    for (const command of commands) {
      const candidate = this.caseFor(command, now);
      if (!(await this.insertUnlessOpen(candidate, manager))) continue;

      opened.push(candidate);
      owed.push({
        topic: Topics.utilityProgress,
        event: receivedEvent(candidate, command.accepted),
      });
    }

    await appendToOutbox(manager, owed);
    return opened;
  }

  private caseFor({ accepted, request }: OpenCase, now: Date): UtilityCase {
    const { utility, limits } = this.settings;
    const { enterprise } = accepted.data.form;
    return Object.assign(new UtilityCase(), {
      id: randomUUID(),
      applicationNo: accepted.applicationNo,
      utility,
      status: 'in_progress',
      currentStep: 'received',
      dueBy: addWorkingDays(now, limits.receivedToNextStepWorkingDays),
      openedAt: now,
      request,
      enterpriseName: enterprise.name,
      siteAddress: enterprise.address,
      acceptedEventId: accepted.eventId,
    } satisfies UtilityCase);
  }

  private async insertUnlessOpen(row: UtilityCase, manager: EntityManager): Promise<boolean> {
    const inserted: unknown[] = await manager.query(
      `INSERT INTO "utility_case" ("id", "application_no", "utility", "status", "current_step",
         "due_by", "opened_at", "request", "enterprise_name", "site_address", "accepted_event_id")
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT ON CONSTRAINT "${CASE_APPLICATION_NO_UNIQUE}" DO NOTHING
       RETURNING "id"`,
      [
        row.id,
        row.applicationNo,
        row.utility,
        row.status,
        row.currentStep,
        row.dueBy,
        row.openedAt,
        JSON.stringify(row.request),
        row.enterpriseName,
        row.siteAddress,
        row.acceptedEventId,
      ],
    );
    return inserted.length > 0;
  }
}

/** The `received` step, caused by the acceptance and carrying its correlation id. */
function receivedEvent(openedCase: UtilityCase, cause: ApplicationAccepted): ServiceProgressed {
  const at = openedCase.openedAt.toISOString();
  return {
    eventId: randomUUID(),
    type: eventTypeOf(Topics.utilityProgress),
    version: CURRENT_VERSION,
    occurredAt: at,
    applicationNo: openedCase.applicationNo,
    producer: openedCase.utility,
    correlationId: cause.correlationId,
    data: {
      utility: openedCase.utility,
      step: 'received',
      at,
      dueBy: openedCase.dueBy.toISOString(),
    },
  };
}
