import { randomUUID } from 'node:crypto';

import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

import {
  CURRENT_VERSION,
  eventTypeOf,
  ServiceProgressed,
  ServiceStep,
  Topics,
} from '@joint/contracts';
import { appendToOutbox } from '@joint/messaging';

import { CaseStepRecord, StepDetails } from '../case/case-step.entity';
import { UtilityCase } from '../case/utility-case.entity';

/** A step (or return, warning…) that has just changed the case. */
export interface ProgressEntry {
  step: ServiceStep;
  at: Date;
  details: StepDetails;
}

/**
 * Writes what a step did, in the caller's transaction: the case row as changed, a history
 * row, and the `ServiceProgressed` it owes to `utility.progress`. The event's `dueBy` and
 * `pendingStep` are the case's after the change.
 */
@Injectable()
export class CaseProgressRecorder {
  async record(manager: EntityManager, changed: UtilityCase, entry: ProgressEntry): Promise<void> {
    changed.updatedAt = entry.at;
    const { id, ...columns } = changed;
    await manager.update(UtilityCase, { id }, columns);

    const event = progressEvent(changed, entry);
    await manager.insert(CaseStepRecord, {
      caseId: changed.id,
      step: entry.step,
      at: entry.at,
      dueBy: changed.dueBy,
      pendingStep: changed.pendingStep,
      actor: entry.details.actor ?? null,
      details: entry.details,
      eventId: event.eventId,
    });
    await appendToOutbox(manager, [{ topic: Topics.utilityProgress, event }]);
  }
}

function progressEvent(
  changed: UtilityCase,
  { step, at, details }: ProgressEntry,
): ServiceProgressed {
  const when = at.toISOString();
  const data = {
    utility: changed.utility,
    step,
    at: when,
    ...(changed.dueBy && { dueBy: changed.dueBy.toISOString() }),
    ...(changed.pendingStep && { pendingStep: changed.pendingStep }),
    ...details,
  };
  return {
    eventId: randomUUID(),
    type: eventTypeOf(Topics.utilityProgress),
    version: CURRENT_VERSION,
    occurredAt: when,
    applicationNo: changed.applicationNo,
    producer: changed.utility,
    correlationId: changed.correlationId,
    data,
  };
}
