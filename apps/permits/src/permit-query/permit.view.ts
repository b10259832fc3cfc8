import type { PermitType, Utility } from '@joint/contracts';

import { Permit, PermitState } from '../permit/permit.entity';
import { SameRoadGroup } from './same-road-groups';

/** One permit as a deciding department sees it. */
export interface PermitView {
  id: string;
  applicationNo: string;
  type: PermitType;
  status: PermitState;
  department: string;
  utilities: Utility[];
  road: string | null;
  requestedAt: string;
  dueBy: string | null;
  decidedAt: string | null;
  officer: string | null;
  conditions: string | null;
  reason: string | null;
  /** A road excavation's construction window, shared by every utility it covers. */
  window: { start: string; end: string } | null;
  /** Other excavations on the same road at about the same time, from any application. */
  sameRoadGroup: SameRoadGroup | null;
}

export interface PermitPage {
  items: PermitView[];
  page: number;
  pageSize: number;
  total: number;
}

export function toPermitView(
  permit: Permit,
  utilities: Utility[],
  sameRoadGroup: SameRoadGroup | undefined,
): PermitView {
  return {
    id: permit.id,
    applicationNo: permit.applicationNo,
    type: permit.permitType,
    status: permit.status,
    department: permit.department,
    utilities,
    road: permit.road,
    requestedAt: permit.requestedAt.toISOString(),
    dueBy: permit.dueBy?.toISOString() ?? null,
    decidedAt: permit.decidedAt?.toISOString() ?? null,
    officer: permit.officer,
    conditions: permit.conditions,
    reason: permit.reason,
    window:
      permit.windowStart && permit.windowEnd
        ? { start: permit.windowStart, end: permit.windowEnd }
        : null,
    sameRoadGroup: sameRoadGroup ?? null,
  };
}
