import { join } from 'node:path';

import { FaultStack, ProcessExit, startFaultStack } from '../support/fault-stack';
import { readSamples, REPO_ROOT } from '../support/shared';
import { LoadResult, RunningLoad, startLoad } from './application-load';
import {
  acceptedApplications,
  AcceptedApplication,
  checkProgressViews,
  countDeliveries,
  DeliveryCounts,
} from './delivery-check';
import { FaultRow, printFault, printSummary } from './fault-report';
import { inFlight } from './quiescence';

/*
 * Faults scripted over the real stack: while a few hundred applications flow, one thing breaks
 * (a process killed, the broker stopped, database connections cut) and comes back. Afterwards
 * every accepted application must have exactly one case and one `received` in each utility it
 * asked for, nothing in the others, and a progress view that says so; every fault prints a
 * line of counts so CI shows what happened even when it passes.
 */

const KAFKA_PORT = Number(process.env.FAULTS_KAFKA_PORT ?? 19792);
const BASE_PORT = Number(process.env.FAULTS_BASE_PORT ?? 29790);
const LOAD = { count: 300, concurrency: 8, perSecond: 20 };
/** Answered submissions before the fault: about three seconds into a fifteen-second load. */
const FAULT_AT = 60;
const CONVERGE_MS = 180_000;
const BROKER_DOWN_MS = 10_000;
const CUT_CONNECTIONS_MS = 5_000;

jest.setTimeout(CONVERGE_MS + 240_000);

interface Injected {
  note?: string;
  unpublishedAtKill?: number;
  exits?: ProcessExit[];
}

describe('faults under load: nothing lost, nothing applied twice', () => {
  let stack: FaultStack;
  const rows: FaultRow[] = [];
  const samples = readSamples('applications.json');

  beforeAll(async () => {
    stack = await startFaultStack({
      name: 'faults',
      basePort: BASE_PORT,
      kafkaPort: KAFKA_PORT,
      kafkaDataDir: join(REPO_ROOT, '.data', 'kafka-faults'),
    });
    process.stdout.write(`\n[faults] stack up; service logs in ${stack.logDir}\n`);
  }, 300_000);

  afterAll(async () => {
    if (rows.length > 0) printSummary(rows);
    await stack?.stop();
  });

  async function underLoad(
    fault: string,
    inject: (load: RunningLoad) => Promise<Injected>,
  ): Promise<{ row: FaultRow; injected: Injected }> {
    const started = Date.now();
    const clerk = await stack.as('clerk');
    const load = startLoad({ intakeUrl: stack.url('intake'), samples, clerk, ...LOAD });
    await load.reached(FAULT_AT);
    const injected = await inject(load);
    const result = await load.finished;
    await stack.healthy();

    const accepted = await acceptedApplications(stack, result.submitted);
    const counts = await converge(accepted, started + CONVERGE_MS);
    const row = toRow(fault, result, accepted, counts, injected, started);
    rows.push(row);
    printFault(row);
    return { row, injected };
  }

  /** Recounts until nothing is missing and nothing is in flight, or the deadline passes. */
  async function converge(
    accepted: AcceptedApplication[],
    deadline: number,
  ): Promise<DeliveryCounts> {
    for (;;) {
      const counts = await countDeliveries(stack, accepted);
      const settled = counts.missing === 0 && (await isQuiet(counts));
      const timedOut = Date.now() >= deadline;
      if (settled || timedOut) return withProgress(counts, accepted, timedOut);
      await pause(1_000);
    }
  }

  async function isQuiet(counts: DeliveryCounts): Promise<boolean> {
    const { unpublished, lag } = await inFlight(stack);
    if (unpublished === 0 && lag === 0) return true;
    counts.problems.push(`still in flight: ${unpublished} unpublished, lag ${lag}`);
    return false;
  }

  async function withProgress(
    counts: DeliveryCounts,
    accepted: AcceptedApplication[],
    timedOut: boolean,
  ): Promise<DeliveryCounts> {
    const progress = await checkProgressViews(stack, accepted);
    const problems = [...counts.problems, ...progress.problems];
    if (timedOut) problems.unshift(`not converged within ${CONVERGE_MS / 1000} s`);
    return { ...counts, progressOk: progress.ok, problems };
  }

  function expectClean(row: FaultRow): void {
    const { counts, load, lost } = row;
    expect({
      failures: load.failures,
      lost,
      missing: counts.missing,
      duplicates: counts.duplicates,
      stray: counts.stray,
      progressOk: counts.progressOk,
    }).toEqual({
      failures: [],
      lost: 0,
      missing: 0,
      duplicates: 0,
      stray: 0,
      progressOk: counts.accepted,
    });
    expect(counts.accepted).toBeGreaterThan(0);
  }

  it('(a) survives kill -9 of water mid-load', async () => {
    const { row } = await underLoad('(a) kill -9 water', async () => {
      const exit = await stack.kill('water', 'SIGKILL');
      await stack.restart('water');
      return { exits: [exit], note: 'water' };
    });

    expectClean(row);
  });

  it('(b) survives kill -9 of intake between accepting and publishing', async () => {
    const { row } = await underLoad('(b) kill -9 intake', async () => {
      await untilOutboxHolds('intake');
      const exit = await stack.kill('intake', 'SIGKILL');
      const unpublishedAtKill = await unpublished('intake');
      await stack.restart('intake');
      return { exits: [exit], note: 'intake', unpublishedAtKill };
    });

    expectClean(row);
  });

  it('(c) survives the broker stopped for ten seconds, intake accepting meanwhile', async () => {
    const { row } = await underLoad('(c) broker down ~10 s', async (load) => {
      const exit = await stack.broker.stop();
      const [downAt, before] = [Date.now(), load.answered()];
      // The outage itself is the fault under test: it lasts a set time, not until something.
      await pause(BROKER_DOWN_MS);
      await stack.broker.start();
      const whileDown = load.answered() - before;
      const downFor = ((Date.now() - downAt) / 1000).toFixed(0);
      return {
        exits: exit ? [exit] : [],
        note: `broker down ${downFor}s; ${whileDown} answered while down`,
      };
    });

    expectClean(row);
    expect(row.note).not.toMatch(/; 0 answered while down/);
  });

  it("(d) survives power's database connections cut for a few seconds", async () => {
    const { row } = await underLoad('(d) cut power db connections', async () => {
      const terminated = await cutConnections(`${stack.databasePrefix}power`);
      return { note: `${terminated} power connections terminated` };
    });

    expectClean(row);
  });

  it('(e) loses nothing when power and intake get SIGTERM mid-load', async () => {
    const { row, injected } = await underLoad('(e) SIGTERM power + intake', async () => {
      const exits = await Promise.all([
        stack.kill('power', 'SIGTERM'),
        stack.kill('intake', 'SIGTERM'),
      ]);
      await Promise.all([stack.restart('power'), stack.restart('intake')]);
      return { exits, note: 'power, intake' };
    });

    expectClean(row);
    // A graceful shutdown finishes its work and says so with exit code 0.
    expect(injected.exits?.map(({ code, signal }) => ({ code, signal }))).toEqual([
      { code: 0, signal: null },
      { code: 0, signal: null },
    ]);
  });

  /** Catches intake with rows still to publish, so the kill lands in that window. */
  async function untilOutboxHolds(service: 'intake'): Promise<void> {
    const deadline = Date.now() + 5_000;
    while (Date.now() < deadline && (await unpublished(service)) === 0) {
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  async function unpublished(service: 'intake'): Promise<number> {
    const [row] = await stack.query<{ n: number }>(
      service,
      'SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL',
    );
    return row.n;
  }

  async function cutConnections(database: string): Promise<number> {
    const until = Date.now() + CUT_CONNECTIONS_MS;
    let terminated = 0;
    while (Date.now() < until) {
      const killed = await stack.adminQuery<{ done: boolean }>(
        `SELECT pg_terminate_backend(pid) AS done FROM pg_stat_activity
          WHERE datname = $1 AND pid <> pg_backend_pid()`,
        [database],
      );
      terminated += killed.filter((k) => k.done).length;
      await pause(200);
    }
    return terminated;
  }
});

function toRow(
  fault: string,
  load: LoadResult,
  accepted: AcceptedApplication[],
  counts: DeliveryCounts,
  injected: Injected,
  started: number,
): FaultRow {
  const acceptedNumbers = new Set(accepted.map((a) => a.applicationNo));
  const lost = load.submitted.filter(
    (s) => s.acknowledged && !acceptedNumbers.has(s.applicationNo),
  ).length;
  const exits = (injected.exits ?? [])
    .map((e) => `${e.signal ?? e.code} after ${(e.afterMs / 1000).toFixed(1)}s`)
    .join(', ');
  return {
    fault,
    load,
    counts,
    lost,
    unpublishedAtKill: injected.unpublishedAtKill,
    note: [injected.note, exits && `exit ${exits}`].filter(Boolean).join('; '),
    seconds: (Date.now() - started) / 1000,
  };
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
