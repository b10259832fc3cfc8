import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

import type { ApplicationWithdrawn } from '@joint/contracts';
import { appendToOutbox } from '@joint/messaging';
import { Clock } from '@joint/platform';

import { lockApplication } from '../permit/application-lock';
import { Permit } from '../permit/permit.entity';
import { permitProgressed } from '../permit/permit-events';
import { utilitiesOf } from '../permit/permit-utilities';

export const WITHDRAWN_REASON = 'application withdrawn';

/** Closes what is left of a withdrawn application's permits. */
@Injectable()
export class PermitWithdrawalService {
  constructor(private readonly clock: Clock) {}

  /**
   * Cancels every permit of the application still waiting for a decision, in the caller's
   * transaction, and returns how many. Decided permits stay as decided.
   */
  async cancelUndecided(event: ApplicationWithdrawn, manager: EntityManager): Promise<number> {
    await lockApplication(manager, event.applicationNo);
    const permits = await manager.find(Permit, {
      where: { applicationNo: event.applicationNo, status: 'requested' },
      lock: { mode: 'pessimistic_write' },
    });
    if (permits.length === 0) return 0;

    const now = this.clock.now();
    for (const permit of permits) {
      Object.assign(permit, { status: 'cancelled', decidedAt: now, reason: WITHDRAWN_REASON });
    }
    await manager.save(permits);

    const utilities = await utilitiesOf(
      manager,
      permits.map((p) => p.id),
    );
    await appendToOutbox(
      manager,
      permits.map((permit) =>
        permitProgressed(permit, utilities.get(permit.id) ?? [], 'cancelled', now, {
          reason: WITHDRAWN_REASON,
        }),
      ),
    );
    return permits.length;
  }
}
