import { CASE_STEPS, CaseStep, FieldError, Validated } from '@joint/contracts';

import { CASE_STATUSES, CaseStatus } from '../case/utility-case.entity';

export const QUEUE_PAGE_SIZE = 50;

/** The work queue's filters, from `GET /api/cases?status=&step=&overdue=&page=`. */
export interface CaseQueueQuery {
  status?: CaseStatus;
  /** The last step taken. */
  step?: CaseStep;
  /** true: only cases past their due date; false: only those that are not. */
  overdue?: boolean;
  /** From 1. */
  page: number;
}

const KNOWN = ['status', 'step', 'overdue', 'page'];

/** Checks the query string, naming every bad parameter. */
export function parseQueueQuery(raw: Record<string, unknown>): Validated<CaseQueueQuery> {
  const errors: FieldError[] = Object.keys(raw)
    .filter((key) => !KNOWN.includes(key))
    .map((field) => ({ field, message: `${field} is not a filter (${KNOWN.join(', ')})` }));
  const { status, step, overdue, page = '1' } = raw;

  if (status !== undefined && !CASE_STATUSES.includes(status as CaseStatus)) {
    errors.push({ field: 'status', message: `status must be one of ${CASE_STATUSES.join(', ')}` });
  }
  if (step !== undefined && !CASE_STEPS.includes(step as CaseStep)) {
    errors.push({ field: 'step', message: `step must be one of ${CASE_STEPS.join(', ')}` });
  }
  if (overdue !== undefined && overdue !== 'true' && overdue !== 'false') {
    errors.push({ field: 'overdue', message: 'overdue must be true or false' });
  }
  if (typeof page !== 'string' || !/^[1-9]\d{0,5}$/.test(page)) {
    errors.push({ field: 'page', message: 'page must be a whole number from 1' });
  }
  if (errors.length > 0) return { ok: false, errors };

  return {
    ok: true,
    value: {
      status: status as CaseStatus | undefined,
      step: step as CaseStep | undefined,
      overdue: overdue === undefined ? undefined : overdue === 'true',
      page: Number(page),
    },
  };
}
