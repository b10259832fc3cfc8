import { EntityManager, In } from 'typeorm';

import type { Utility } from '@joint/contracts';

import { PermitUtility } from './permit-utility.entity';
import { inFormOrder } from './permit-events';

/** The utilities each permit covers, in the form's order. */
export async function utilitiesOf(
  manager: EntityManager,
  permitIds: readonly string[],
): Promise<Map<string, Utility[]>> {
  const byPermit = new Map<string, Utility[]>(permitIds.map((id) => [id, []]));
  if (permitIds.length === 0) return byPermit;

  const rows = await manager.find(PermitUtility, { where: { permitId: In([...permitIds]) } });
  for (const row of rows) byPermit.get(row.permitId)?.push(row.utility);
  return new Map([...byPermit].map(([id, utilities]) => [id, inFormOrder(utilities)]));
}
