import { EntityManager } from 'typeorm';

import { UtilityCase } from '../case/utility-case.entity';

/**
 * The case, locked for the rest of the caller's transaction (SELECT … FOR UPDATE), so two
 * requests or events for the same case apply one after the other, and its events reach the
 * outbox in the order they happened.
 */
export function lockCase(
  manager: EntityManager,
  applicationNo: string,
): Promise<UtilityCase | null> {
  return manager.findOne(UtilityCase, {
    where: { applicationNo },
    lock: { mode: 'pessimistic_write' },
  });
}
