import { ChildProcess, spawn } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { createWriteStream, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { Client } from 'pg';

import { REPO_ROOT } from './shared';
import { accountsCli, DemoUser, staffEnv, StaffSessions } from './staff';
import { waitFor } from './wait-for';

export const SERVICES = ['intake', 'power', 'water', 'gas', 'permits'] as const;
export type ServiceName = (typeof SERVICES)[number];

const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface Stack {
  url(service: ServiceName): string;
  /** Where each service's log lines go, for a test that reads them. */
  logFile(service: ServiceName): string;
  databasePrefix: string;
  groupPrefix: string;
  /** Application numbers of this stack start with it, so runs never share one. */
  applicationNoPrefix: string;
  /** The `Authorization` header of a demo account (every one is seeded at start). */
  as(user: DemoUser): Promise<Record<string, string>>;
  /** The environment every service was given, for a CLI run against the same databases. */
  env: Record<string, string>;
  stop(): Promise<void>;
}

/**
 * Starts the five built services (`npm run build` first) as separate
 * processes on test ports, each with its own fresh databases and consumer
 * groups, and waits until every `/health` answers 200. `env` adds to or
 * overrides what every service is given (`LOG_LEVEL: 'debug'`).
 */
export async function startStack(
  name: string,
  basePort: number,
  env: Record<string, string> = {},
): Promise<Stack> {
  const run = `${name}_${Date.now().toString(36)}`;
  const databasePrefix = `t_${run}_`;
  const groupPrefix = `${run}-`;
  const applicationNoPrefix = randomLetters(5);
  const logDir = join(REPO_ROOT, '.data', 'test-logs', run);
  mkdirSync(logDir, { recursive: true });

  const port = (service: ServiceName) => basePort + SERVICES.indexOf(service);
  const calendarFile = writeTestCalendar(logDir);
  const shared: Record<string, string> = {
    DATABASE_URL,
    DATABASE_PREFIX: databasePrefix,
    KAFKA_GROUP_PREFIX: groupPrefix,
    APPLICATION_NO_PREFIX: applicationNoPrefix,
    WORKING_CALENDAR_FILE: calendarFile,
    OVERDUE_SCAN_MS: '2000',
    KAFKA_BROKERS: process.env.KAFKA_BROKERS ?? '127.0.0.1:9092',
    LOG_LEVEL: 'info',
    ...staffEnv(logDir),
    ...env,
  };
  const children = SERVICES.map((service) =>
    startService(service, logDir, { ...shared, PORT: String(port(service)) }),
  );
  const sessions = new StaffSessions(`http://127.0.0.1:${port('intake')}`);
  const stack: Stack = {
    url: (service) => `http://127.0.0.1:${port(service)}`,
    logFile: (service) => join(logDir, `${service}.log`),
    databasePrefix,
    groupPrefix,
    applicationNoPrefix,
    as: (user) => sessions.headers(user),
    env: shared,
    stop: () => stopAll(children, databasePrefix),
  };

  try {
    await Promise.all(SERVICES.map((s) => waitForHealth(stack.url(s), children)));
    await accountsCli(shared, ['seed-demo']);
  } catch (error) {
    await stack.stop();
    throw error;
  }
  return stack;
}

function startService(
  service: ServiceName,
  logDir: string,
  env: Record<string, string>,
): ChildProcess {
  const log = createWriteStream(join(logDir, `${service}.log`));
  const child = spawn(process.execPath, [join(REPO_ROOT, 'tools', 'run-service.js'), service], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  return child;
}

async function waitForHealth(baseUrl: string, children: ChildProcess[]): Promise<void> {
  let dead: ChildProcess | undefined;
  await waitFor(
    `${baseUrl}/health`,
    async () => {
      dead = children.find((c) => c.exitCode !== null);
      if (dead) return false;
      const res = await fetch(`${baseUrl}/health`);
      return res.status === 200 ? true : undefined;
    },
    90_000,
    500,
  );
  if (dead) throw new Error(`a service exited with ${dead.exitCode} during start; see its log`);
}

async function stopAll(children: ChildProcess[], databasePrefix: string): Promise<void> {
  await Promise.all(children.map(stopChild));
  await dropDatabases(databasePrefix);
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

export async function dropDatabases(prefix: string): Promise<void> {
  const client = new Client({ connectionString: DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>(
      'SELECT datname FROM pg_database WHERE starts_with(datname, $1)',
      [prefix],
    );
    for (const { datname } of rows) {
      await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }
  } finally {
    await client.end();
  }
}

/**
 * The topics outlive a test run, and a new consumer group reads them from
 * the start: a prefix of its own keeps this run's numbers apart.
 */
function randomLetters(count: number): string {
  return Array.from({ length: count }, () => String.fromCharCode(65 + randomInt(26))).join('');
}

/** Runs one query on a service's own database, as an operator would with psql. */
export async function queryServiceDb<T extends object>(
  stack: Stack,
  service: ServiceName,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  const url = new URL(DATABASE_URL);
  url.pathname = `/${stack.databasePrefix}${service}`;
  const client = new Client({ connectionString: url.toString() });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

const REAL_CALENDAR = join(
  REPO_ROOT,
  'libs',
  'working-calendar',
  'calendar',
  'china-holidays.json',
);

/**
 * The real holiday file plus plain weekends-only years after it, so the
 * end-to-end tests can compute deadlines whatever day they run on. The
 * services themselves report a missing year; the tests are not about that.
 */
export function writeTestCalendar(dir: string): string {
  const real = JSON.parse(readFileSync(REAL_CALENDAR, 'utf8')) as { years: { year: number }[] };
  const last = Math.max(...real.years.map((y) => y.year));
  const synthetic = Array.from({ length: 5 }, (_, i) => ({
    year: last + 1 + i,
    source: 'test fixture: weekends only',
    holidays: [],
    makeUpWorkdays: [],
  }));
  const file = join(dir, 'test-calendar.json');
  writeFileSync(file, JSON.stringify({ ...real, years: [...real.years, ...synthetic] }, null, 2));
  return file;
}
