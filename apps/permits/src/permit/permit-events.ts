import { randomUUID } from 'node:crypto';

import {
  CURRENT_VERSION,
  JointWorks,
  PermitProgressed,
  PermitProgressedData,
  PermitStatus,
  Topics,
  Utility,
  UTILITIES,
} from '@joint/contracts';
import type { OutboxEntry } from '@joint/messaging';

import { Permit } from './permit.entity';

/** What `jointWorks.road` says when the utility gave no route for the works. */
export const ROUTE_NOT_GIVEN = 'route not given';

type EventDetails = Partial<
  Pick<PermitProgressedData, 'officer' | 'conditions' | 'reason' | 'jointWorks' | 'note'>
>;

/**
 * The `PermitProgressed` a permit owes for `status`, with the department, due date and the
 * decision fields the permit holds, and every utility it covers.
 */
export function permitProgressed(
  permit: Permit,
  utilities: readonly Utility[],
  status: PermitStatus,
  at: Date,
  details: EventDetails = {},
): OutboxEntry {
  const data: PermitProgressedData = {
    permitId: permit.id,
    permitType: permit.permitType,
    status,
    at: at.toISOString(),
    utilities: inFormOrder(utilities),
    department: permit.department,
    ...(permit.dueBy && status === 'requested' ? { dueBy: permit.dueBy.toISOString() } : {}),
    ...details,
  };
  const event: PermitProgressed = {
    eventId: randomUUID(),
    type: 'PermitProgressed',
    version: CURRENT_VERSION,
    occurredAt: at.toISOString(),
    applicationNo: permit.applicationNo,
    producer: 'permits',
    correlationId: permit.correlationId,
    data,
  };
  return { topic: Topics.permitsProgress, event };
}

/** The decision of a granted permit, repeated when a utility joins it after the grant. */
export function grantDetails(permit: Permit): EventDetails {
  return {
    ...(permit.officer ? { officer: permit.officer } : {}),
    ...(permit.conditions ? { conditions: permit.conditions } : {}),
  };
}

/** The joint works of a road excavation with a window; undefined while it has none. */
export function jointWorksOf(
  permit: Permit,
  utilities: readonly Utility[],
): JointWorks | undefined {
  if (!permit.windowStart || !permit.windowEnd) return undefined;
  return {
    road: permit.road ?? ROUTE_NOT_GIVEN,
    windowStart: permit.windowStart,
    windowEnd: permit.windowEnd,
    utilities: inFormOrder(utilities),
  };
}

export function inFormOrder(utilities: readonly Utility[]): Utility[] {
  return UTILITIES.filter((utility) => utilities.includes(utility));
}
