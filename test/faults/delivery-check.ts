import { UTILITIES, Utility } from '@joint/contracts';

import { FaultStack } from '../support/fault-stack';
import { ServiceName } from '../support/stack';
import { Submitted } from './application-load';

/** Every service that consumes `applications.accepted`, each with its own inbox. */
const ACCEPTED_CONSUMERS = ['power', 'water', 'gas', 'permits'] as const;
type AcceptedConsumer = (typeof ACCEPTED_CONSUMERS)[number];
const MAX_PROBLEMS = 12;

/** An application intake holds as accepted, with what the check needs to know about it. */
export interface AcceptedApplication {
  applicationNo: string;
  services: Utility[];
  contactPhone: string;
  /** Ids of the ApplicationAccepted events intake owes for it: exactly one when all is well. */
  acceptedEventIds: string[];
}

export interface UtilityCounts {
  /** Accepted applications that asked for this utility. */
  expected: number;
  /** Cases (`utility_case`) for those applications. */
  cases: number;
  /** `received` rows in the utility's own `case_step` history for them. */
  received: number;
  /** `received` rows for them in intake's projection (`service_step`). */
  projected: number;
}

export interface DeliveryCounts {
  accepted: number;
  utilities: Record<Utility, UtilityCounts>;
  /** Accepted applications whose ApplicationAccepted is in each consumer's inbox. */
  inbox: Record<AcceptedConsumer, number>;
  /** Applications whose progress view shows exactly the utilities asked, each `received` once. */
  progressOk: number;
  /** Cases in a utility the application did not ask for. */
  stray: number;
  duplicates: number;
  missing: number;
  /** The first few things that were wrong, for the report. */
  problems: string[];
}

/** Reads intake's own record of which of the load's applications it accepted. */
export async function acceptedApplications(
  stack: FaultStack,
  submitted: Submitted[],
): Promise<AcceptedApplication[]> {
  const numbers = submitted.map((s) => s.applicationNo);
  const rows = await stack.query<{ application_no: string; services: Utility[]; phone: string }>(
    'intake',
    `SELECT application_no, services, contact_phone AS phone FROM application
      WHERE application_no = ANY($1) AND status = 'accepted'`,
    [numbers],
  );
  const events = await stack.query<{ application_no: string; event_id: string }>(
    'intake',
    `SELECT message_key AS application_no, payload->>'eventId' AS event_id FROM outbox
      WHERE topic = 'applications.accepted' AND message_key = ANY($1)`,
    [numbers],
  );
  return rows.map((row) => ({
    applicationNo: row.application_no,
    services: row.services,
    contactPhone: row.phone,
    acceptedEventIds: events
      .filter((e) => e.application_no === row.application_no)
      .map((e) => e.event_id),
  }));
}

/** Counts what every database holds for the accepted applications; no HTTP. */
export async function countDeliveries(
  stack: FaultStack,
  accepted: AcceptedApplication[],
): Promise<DeliveryCounts> {
  const tally = new Tally(accepted.length);
  for (const app of accepted) {
    tally.expectOnce(app.acceptedEventIds.length, `${app.applicationNo}: ApplicationAccepted`);
  }
  const utilities = {} as Record<Utility, UtilityCounts>;
  for (const utility of UTILITIES) {
    utilities[utility] = await countUtility(stack, utility, accepted, tally);
  }
  const inbox = {} as Record<AcceptedConsumer, number>;
  for (const consumer of ACCEPTED_CONSUMERS) {
    inbox[consumer] = await countInbox(stack, consumer, accepted, tally);
  }
  return { ...tally.summary(), accepted: accepted.length, utilities, inbox, progressOk: 0 };
}

/** Tells `expected`, `duplicates`, `missing` and `stray` apart, keeping a few examples. */
class Tally {
  duplicates = 0;
  missing = 0;
  stray = 0;
  readonly problems: string[] = [];

  constructor(readonly accepted: number) {}

  expectOnce(found: number, what: string): void {
    if (found === 1) return;
    if (found === 0) this.missing += 1;
    else this.duplicates += found - 1;
    this.note(`${what}: ${found} instead of 1`);
  }

  strayCases(found: number, what: string): void {
    if (found === 0) return;
    this.stray += found;
    this.note(`${what}: ${found} case(s) but not asked for`);
  }

  note(problem: string): void {
    if (this.problems.length < MAX_PROBLEMS) this.problems.push(problem);
  }

  summary(): Pick<DeliveryCounts, 'duplicates' | 'missing' | 'stray' | 'problems'> {
    const { duplicates, missing, stray, problems } = this;
    return { duplicates, missing, stray, problems };
  }
}

async function countUtility(
  stack: FaultStack,
  utility: Utility,
  accepted: AcceptedApplication[],
  tally: Tally,
): Promise<UtilityCounts> {
  const numbers = accepted.map((a) => a.applicationNo);
  const cases = await perApplication(
    stack,
    utility,
    `SELECT c.application_no AS key, count(DISTINCT c.id)::int AS cases,
            count(s.id) FILTER (WHERE s.step = 'received')::int AS received
       FROM utility_case c LEFT JOIN case_step s ON s.case_id = c.id
      WHERE c.application_no = ANY($1) GROUP BY c.application_no`,
    numbers,
  );
  const projected = await perApplication(
    stack,
    'intake',
    `SELECT application_no AS key, count(*)::int AS received,
            count(DISTINCT event_id)::int AS events
       FROM service_step WHERE step = 'received' AND utility = $2 AND application_no = ANY($1)
      GROUP BY application_no`,
    numbers,
    [utility],
  );
  return tallyUtility(utility, accepted, cases, projected, tally);
}

function tallyUtility(
  utility: Utility,
  accepted: AcceptedApplication[],
  cases: Map<string, Record<string, number>>,
  projected: Map<string, Record<string, number>>,
  tally: Tally,
): UtilityCounts {
  const counts: UtilityCounts = { expected: 0, cases: 0, received: 0, projected: 0 };
  for (const { applicationNo, services } of accepted) {
    const found = cases.get(applicationNo) ?? { cases: 0, received: 0 };
    const view = projected.get(applicationNo) ?? { received: 0, events: 0 };
    if (!services.includes(utility)) {
      tally.strayCases(found.cases, `${applicationNo} ${utility}`);
      continue;
    }
    counts.expected += 1;
    counts.cases += found.cases;
    counts.received += found.received;
    counts.projected += view.received;
    tally.expectOnce(found.cases, `${applicationNo} ${utility}: utility_case`);
    tally.expectOnce(found.received, `${applicationNo} ${utility}: case_step received`);
    tally.expectOnce(view.events, `${applicationNo} ${utility}: service_step received event ids`);
  }
  return counts;
}

async function countInbox(
  stack: FaultStack,
  consumer: AcceptedConsumer,
  accepted: AcceptedApplication[],
  tally: Tally,
): Promise<number> {
  const eventIds = accepted.flatMap((a) => a.acceptedEventIds);
  const rows = await perApplication(
    stack,
    consumer,
    `SELECT event_id::text AS key, count(*)::int AS n FROM inbox
      WHERE topic = 'applications.accepted' AND event_id = ANY($1::uuid[]) GROUP BY event_id`,
    eventIds,
  );
  let present = 0;
  for (const app of accepted) {
    const found = app.acceptedEventIds.reduce((sum, id) => sum + (rows.get(id)?.n ?? 0), 0);
    if (found > 0) present += 1;
    tally.expectOnce(found, `${app.applicationNo}: ApplicationAccepted in ${consumer}'s inbox`);
  }
  return present;
}

/** Runs a grouped count and keys its rows by the `key` column. */
async function perApplication(
  stack: FaultStack,
  service: ServiceName,
  sql: string,
  keys: string[],
  params: unknown[] = [],
): Promise<Map<string, Record<string, number>>> {
  const rows = await stack.query<Record<string, number> & { key: string }>(service, sql, [
    keys,
    ...params,
  ]);
  return new Map(rows.map(({ key, ...counts }) => [key, counts]));
}

interface ProgressView {
  services?: Record<string, { steps: { step: string }[] }>;
}

/**
 * Asks the applicant's view for each application, `concurrency` at a time. Returns the number
 * that show `received` once for exactly the utilities asked, and the first few that do not.
 */
export async function checkProgressViews(
  stack: FaultStack,
  accepted: AcceptedApplication[],
  concurrency = 8,
): Promise<{ ok: number; problems: string[] }> {
  const problems: string[] = [];
  let ok = 0;
  let next = 0;
  const worker = async () => {
    while (next < accepted.length) {
      const app = accepted[next++];
      const problem = await progressProblem(stack, app);
      if (problem === undefined) ok += 1;
      else if (problems.length < MAX_PROBLEMS) problems.push(problem);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { ok, problems };
}

async function progressProblem(
  stack: FaultStack,
  app: AcceptedApplication,
): Promise<string | undefined> {
  const url = `${stack.url('intake')}/api/applications/${app.applicationNo}/progress`;
  const res = await fetch(url, { headers: { 'x-contact-phone': app.contactPhone } });
  if (res.status !== 200) return `${app.applicationNo}: progress answered ${res.status}`;

  const view = (await res.json()) as ProgressView;
  const shown = Object.keys(view.services ?? {}).sort();
  const asked = [...app.services].sort();
  if (shown.join() !== asked.join()) {
    return `${app.applicationNo}: progress shows [${shown.join()}], asked [${asked.join()}]`;
  }
  const wrong = asked.filter(
    (u) => view.services?.[u]?.steps.filter((s) => s.step === 'received').length !== 1,
  );
  return wrong.length === 0
    ? undefined
    : `${app.applicationNo}: received not once in ${wrong.join(',')}`;
}
