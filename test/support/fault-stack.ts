import { ChildProcess, spawn } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { appendFileSync, createWriteStream, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

import { Pool, QueryResultRow } from 'pg';

import { REPO_ROOT } from './shared';
import { accountsCli, DemoUser, staffEnv, StaffSessions } from './staff';
import { dropDatabases, SERVICES, ServiceName, writeTestCalendar } from './stack';
import { waitFor } from './wait-for';

const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const WITH_KAFKA = join(REPO_ROOT, 'tools', 'kafka', 'with-kafka.sh');
const BROKER_READY = 'Kafka is up at';
const BROKER_START_MS = 150_000;
const BROKER_STOP_MS = 45_000;
const SERVICE_STOP_MS = 30_000;
const HEALTHY_MS = 120_000;

/** How a process ended: the exit code, or the signal that ended it. */
export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** From the signal to the exit. */
  afterMs: number;
}

export interface FaultStackOptions {
  name: string;
  /** intake listens on it, power on the next port, and so on. */
  basePort: number;
  kafkaPort: number;
  /** The broker's own data dir: wiped once at start, kept across its restarts. */
  kafkaDataDir: string;
}

/**
 * A single-node KRaft broker this test owns: started through `with-kafka.sh --foreground`,
 * stopped with SIGTERM (the script stops the broker the same way), restarted on the same data
 * dir so topics and committed offsets survive.
 */
export class KafkaBroker {
  private child?: ChildProcess;

  constructor(
    private readonly port: number,
    private readonly dataDir: string,
    private readonly logFile: string,
  ) {}

  get brokers(): string {
    return `127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    if (this.child) return;
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      KAFKA_PORT: String(this.port),
      KAFKA_DATA_DIR: this.dataDir,
    };
    // The script reuses any cluster named here instead of starting its own.
    delete env.KAFKA_BROKERS;
    const child = spawn('bash', [WITH_KAFKA, '--foreground'], {
      cwd: REPO_ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    await untilReady(child, this.logFile);
  }

  /** SIGTERM, then waits until the script and its broker have exited. */
  async stop(): Promise<ProcessExit | undefined> {
    const child = this.child;
    this.child = undefined;
    if (!child) return undefined;
    return stopProcess(child, 'SIGTERM', BROKER_STOP_MS);
  }
}

function untilReady(child: ChildProcess, logFile: string): Promise<void> {
  const log = createWriteStream(logFile, { flags: 'a' });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`broker not ready; see ${logFile}`)),
      BROKER_START_MS,
    );
    let seen = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      seen = (seen + chunk.toString()).slice(-4096);
      if (!seen.includes(BROKER_READY)) return;
      clearTimeout(timer);
      resolve();
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(
        new Error(`with-kafka.sh exited with ${code} before the broker was ready; see ${logFile}`),
      );
    });
  });
}

/** Sends `signal` and waits for the exit; SIGKILL after `timeoutMs` so a test never hangs. */
async function stopProcess(
  child: ChildProcess,
  signal: NodeJS.Signals,
  timeoutMs: number,
): Promise<ProcessExit> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return { code: child.exitCode, signal: child.signalCode, afterMs: 0 };
  }
  const sentAt = Date.now();
  const exited = new Promise<ProcessExit>((resolve) =>
    child.once('exit', (code, exitSignal) =>
      resolve({ code, signal: exitSignal, afterMs: Date.now() - sentAt }),
    ),
  );
  child.kill(signal);
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const exit = await exited;
  clearTimeout(timer);
  return exit;
}

/** A line in a service's log saying what the test did, and when, for reading the log later. */
function mark(logFile: string, what: string): void {
  appendFileSync(logFile, `\n--- fault test ${new Date().toISOString()}: ${what} ---\n`);
}

/** One service process, restartable on the same environment. */
class ServiceProcess {
  private child?: ChildProcess;

  constructor(
    readonly name: ServiceName,
    private readonly env: Record<string, string>,
    readonly logFile: string,
  ) {}

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && !this.child.signalCode;
  }

  get exitCode(): number | null {
    return this.child?.exitCode ?? null;
  }

  start(): void {
    mark(this.logFile, `starting ${this.name}`);
    const log = createWriteStream(this.logFile, { flags: 'a' });
    const script = join(REPO_ROOT, 'tools', 'run-service.js');
    const child = spawn(process.execPath, [script, this.name], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
    this.child = child;
  }

  async signal(signal: NodeJS.Signals): Promise<ProcessExit> {
    const child = this.child;
    if (!child) return { code: null, signal: null, afterMs: 0 };
    mark(this.logFile, `sending ${signal} to ${this.name}`);
    const exit = await stopProcess(child, signal, SERVICE_STOP_MS);
    mark(this.logFile, `${this.name} exited: ${JSON.stringify(exit)}`);
    return exit;
  }
}

export interface FaultStack {
  /** The `Authorization` header of a demo account (every one is seeded at start). */
  as(user: DemoUser): Promise<Record<string, string>>;
  broker: KafkaBroker;
  databasePrefix: string;
  /** Every consumer group of this stack starts with it. */
  groupPrefix: string;
  applicationNoPrefix: string;
  logDir: string;
  url(service: ServiceName): string;
  logFile(service: ServiceName): string;
  /** Sends `signal` to the service and waits until it has exited. */
  kill(service: ServiceName, signal: NodeJS.Signals): Promise<ProcessExit>;
  /** Starts the service again on the same environment and waits for `/health` 200. */
  restart(service: ServiceName): Promise<void>;
  /** Waits until every service answers `/health` with 200. */
  healthy(): Promise<void>;
  /** A pooled query on a service's own database. */
  query<T extends QueryResultRow>(
    service: ServiceName,
    sql: string,
    params?: unknown[],
  ): Promise<T[]>;
  /** A pooled query on the server's `postgres` database, where an operator would stand. */
  adminQuery<T extends QueryResultRow>(sql: string, params?: unknown[]): Promise<T[]>;
  stop(): Promise<void>;
}

/**
 * Starts a broker of its own and the five built services (`npm run build` first) as processes
 * that a fault test may kill and restart, each on fresh databases and consumer groups.
 */
export async function startFaultStack(options: FaultStackOptions): Promise<FaultStack> {
  const run = `${options.name}_${Date.now().toString(36)}`;
  const logDir = join(REPO_ROOT, '.data', 'test-logs', run);
  mkdirSync(logDir, { recursive: true });
  rmSync(options.kafkaDataDir, { recursive: true, force: true });

  const broker = new KafkaBroker(
    options.kafkaPort,
    options.kafkaDataDir,
    join(logDir, 'kafka.log'),
  );
  await broker.start();
  const stack = assemble(options, run, logDir, broker);
  try {
    for (const service of SERVICES) stack.processes.get(service)?.start();
    await stack.healthy();
    await stack.seedAccounts();
  } catch (error) {
    await stack.stop();
    throw error;
  }
  return stack;
}

interface AssembledStack extends FaultStack {
  processes: Map<ServiceName, ServiceProcess>;
  seedAccounts(): Promise<void>;
}

function assemble(
  options: FaultStackOptions,
  run: string,
  logDir: string,
  broker: KafkaBroker,
): AssembledStack {
  const databasePrefix = `t_${run}_`;
  const groupPrefix = `${run}-`;
  const applicationNoPrefix = randomLetters(5);
  const port = (service: ServiceName) => options.basePort + SERVICES.indexOf(service);
  const common = {
    DATABASE_URL,
    DATABASE_PREFIX: databasePrefix,
    KAFKA_GROUP_PREFIX: groupPrefix,
    APPLICATION_NO_PREFIX: applicationNoPrefix,
    WORKING_CALENDAR_FILE: writeTestCalendar(logDir),
    KAFKA_BROKERS: broker.brokers,
    LOG_LEVEL: 'info',
    ...staffEnv(logDir),
  };
  const processes = new Map(
    SERVICES.map((s) => [
      s,
      new ServiceProcess(s, { ...common, PORT: String(port(s)) }, join(logDir, `${s}.log`)),
    ]),
  );
  const pools = new Pools();
  const url = (service: ServiceName) => `http://127.0.0.1:${port(service)}`;
  const processOf = (service: ServiceName) => processes.get(service) as ServiceProcess;

  const healthy = async () => {
    await Promise.all(SERVICES.map((s) => waitForHealth(url(s), processOf(s))));
  };
  const sessions = new StaffSessions(url('intake'));
  return {
    as: (user) => sessions.headers(user),
    seedAccounts: async () => {
      await accountsCli(common, ['seed-demo']);
    },
    broker,
    databasePrefix,
    groupPrefix,
    applicationNoPrefix,
    logDir,
    processes,
    url,
    logFile: (service) => processOf(service).logFile,
    kill: (service, signal) => processOf(service).signal(signal),
    restart: async (service) => {
      processOf(service).start();
      await waitForHealth(url(service), processOf(service));
    },
    healthy,
    query: (service, sql, params) => pools.query(`${databasePrefix}${service}`, sql, params),
    adminQuery: (sql, params) => pools.query('postgres', sql, params),
    stop: async () => {
      await Promise.all([...processes.values()].map((p) => p.signal('SIGTERM')));
      await broker.stop();
      await pools.end();
      await dropDatabases(databasePrefix);
    },
  };
}

async function waitForHealth(baseUrl: string, service: ServiceProcess): Promise<void> {
  await waitFor(
    `${service.name} /health 200`,
    async () => {
      if (!service.running) {
        throw new Error(`${service.name} exited with ${service.exitCode}; see ${service.logFile}`);
      }
      const res = await fetch(`${baseUrl}/health`);
      return res.status === 200 ? true : undefined;
    },
    HEALTHY_MS,
    300,
  );
}

/**
 * One small pool per database. A fault may terminate these connections too: the pool drops
 * such a client, and the error handler keeps that from crashing the test process.
 */
class Pools {
  private readonly pools = new Map<string, Pool>();

  async query<T extends QueryResultRow>(
    database: string,
    sql: string,
    params: unknown[] = [],
  ): Promise<T[]> {
    return (await this.pool(database).query<T>(sql, params)).rows;
  }

  async end(): Promise<void> {
    await Promise.all([...this.pools.values()].map((pool) => pool.end()));
    this.pools.clear();
  }

  private pool(database: string): Pool {
    const existing = this.pools.get(database);
    if (existing) return existing;
    const url = new URL(DATABASE_URL);
    url.pathname = `/${database}`;
    const pool = new Pool({ connectionString: url.toString(), max: 4 });
    pool.on('error', () => undefined);
    this.pools.set(database, pool);
    return pool;
  }
}

function randomLetters(count: number): string {
  return Array.from({ length: count }, () => String.fromCharCode(65 + randomInt(26))).join('');
}
