import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

import { appendToOutbox, OutboxEntry } from '@joint/messaging';
import { Clock } from '@joint/platform';

import { lockApplication } from '../permit/application-lock';
import { Permit, UNDECIDED } from '../permit/permit.entity';
import { PermitError } from '../permit/permit.error';
import { isPermitId } from '../permit/permit-id';
import { grantDetails, permitProgressed } from '../permit/permit-events';
import { utilitiesOf } from '../permit/permit-utilities';
import { DecisionRequest } from './decision-request.dto';

/** A department's decision on one permit, published to every utility it covers. */
@Injectable()
export class PermitDecisionService {
  private readonly logger = new Logger(PermitDecisionService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /** Records the decision and its event in one transaction; returns the decided permit. */
  /** `officer`: the signed-in officer, who must belong to the permit's department. */
  async decide(permitId: string, request: DecisionRequest, officer: Officer): Promise<Permit> {
    if (!isPermitId(permitId)) throw PermitError.notFound();

    const permit = await this.dataSource.transaction(async (manager) => {
      const locked = await this.lockedPermit(manager, permitId);
      if (!officer.departments.includes(locked.department)) {
        throw PermitError.outsideDepartment(locked.department);
      }
      if (!UNDECIDED.includes(locked.status)) throw PermitError.alreadyClosed(locked.status);

      applyDecision(locked, { ...request, officer: officer.staffId }, this.clock.now());
      await manager.save(locked);
      await appendToOutbox(manager, [await decisionEvent(manager, locked)]);
      return locked;
    });

    this.logger.log(
      { applicationNo: permit.applicationNo, permitId, decision: permit.status },
      'permit decided',
    );
    return permit;
  }

  /** The permit, locked with its application so no request or withdrawal interleaves. */
  private async lockedPermit(manager: EntityManager, permitId: string): Promise<Permit> {
    const found = await manager.findOneBy(Permit, { id: permitId });
    if (!found) throw PermitError.notFound();

    await lockApplication(manager, found.applicationNo);
    return manager.findOneOrFail(Permit, {
      where: { id: permitId },
      lock: { mode: 'pessimistic_write' },
    });
  }
}

/** Who decides: the signed-in officer's staff id and the departments they decide for. */
export interface Officer {
  staffId: string;
  departments: readonly string[];
}

/** Writes a department's decision onto an undecided permit. */
export function applyDecision(
  permit: Permit,
  request: DecisionRequest & { officer: string },
  at: Date,
): void {
  permit.status = request.decision;
  permit.decidedAt = at;
  permit.officer = request.officer;
  permit.conditions = request.decision === 'granted' ? (request.conditions ?? null) : null;
  permit.reason = request.decision === 'rejected' ? (request.reason ?? null) : null;
}

async function decisionEvent(manager: EntityManager, permit: Permit): Promise<OutboxEntry> {
  const utilities = (await utilitiesOf(manager, [permit.id])).get(permit.id) ?? [];
  const at = permit.decidedAt ?? permit.requestedAt;
  if (permit.status === 'granted') {
    return permitProgressed(permit, utilities, 'granted', at, grantDetails(permit));
  }
  return permitProgressed(permit, utilities, 'rejected', at, {
    ...(permit.officer ? { officer: permit.officer } : {}),
    ...(permit.reason ? { reason: permit.reason } : {}),
  });
}
