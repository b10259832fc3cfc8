import { EntityManager } from 'typeorm';

/**
 * Serialises, until the caller's transaction ends, every transaction that writes one
 * application's permits and events: the consumer and a department's decision may touch the same
 * application at once, and the outbox publishes in id order only among committed rows.
 */
export async function lockApplication(
  manager: EntityManager,
  applicationNo: string,
): Promise<void> {
  await manager.query(
    `SELECT pg_advisory_xact_lock(hashtext('permits.application'), hashtext($1))`,
    [applicationNo],
  );
}
