import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';

import { INestApplication } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { Kafka, logLevel } from 'kafkajs';
import { Logger } from 'nestjs-pino';
import { Client } from 'pg';
import { DataSource } from 'typeorm';

import {
  ApplicationWithdrawn,
  CURRENT_VERSION,
  PermitProgressed,
  PermitProgressedData,
  Topic,
  TopicEvents,
} from '@joint/contracts';
import { TestTokens } from '@joint/auth/testing';
import { EventConsumer } from '@joint/messaging';
import {
  Clock,
  ensureDatabase,
  FakeClock,
  readServiceConfig,
  ServiceConfig,
} from '@joint/platform';

import { UtilityServiceModule } from '../src/service/utility-service.module';
import { loadUtilitySettings } from '../src/settings/load-utility-settings';

const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export function requiredBrokers(): string {
  const brokers = process.env.KAFKA_BROKERS;
  if (!brokers) throw new Error('KAFKA_BROKERS is not set: run under tools/kafka/with-kafka.sh');
  return brokers;
}

/** Signs the kit's requests as power's staff, with a key pair the test services trust. */
const tokens = new TestTokens();
const POWER_STAFF = tokens.headers('utility_staff', ['power']);

/** A power service's environment of its own: fresh database and consumer group. */
export function testEnv(): NodeJS.ProcessEnv {
  const run = randomUUID().replace(/-/g, '').slice(0, 10);
  return {
    ...tokens.env,
    DATABASE_URL,
    DATABASE_PREFIX: `ju_${run}_`,
    KAFKA_BROKERS: requiredBrokers(),
    KAFKA_GROUP_PREFIX: `test-${run}-`,
    LOG_LEVEL: 'warn',
    // Tests call scanOverdue() themselves.
    OVERDUE_SCAN_MS: '3600000',
  };
}

export function testKafka(config: ServiceConfig): Kafka {
  return new Kafka({
    clientId: `test-${randomUUID()}`,
    brokers: config.kafkaBrokers,
    logLevel: logLevel.NOTHING,
  });
}

/**
 * The power service in process, its `Clock` replaced by `clock`, listening on a free port,
 * its consumer joined to its group.
 */
export async function startPower(
  env: NodeJS.ProcessEnv,
  clock: FakeClock,
): Promise<{ app: INestApplication; config: ServiceConfig; baseUrl: string }> {
  const config = readServiceConfig('power', env);
  await ensureDatabase(config.databaseServerUrl, config.databaseName);
  const module = UtilityServiceModule.register(config, loadUtilitySettings('power', env), env);
  const testing = await Test.createTestingModule({ imports: [module] })
    .overrideProvider(Clock)
    .useValue(clock)
    .compile();

  const app = testing.createNestApplication<NestExpressApplication>({ bufferLogs: true });
  app.useLogger(app.get(Logger));
  await app.listen(0, '127.0.0.1');
  await app.get(EventConsumer).whenJoined();
  const { port } = app.getHttpServer().address() as AddressInfo;
  return { app, config, baseUrl: `http://127.0.0.1:${port}` };
}

export async function produce<T extends Topic>(
  kafka: Kafka,
  topic: T,
  events: TopicEvents[T][],
): Promise<void> {
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  try {
    for (const event of events) {
      await producer.send({
        topic,
        acks: -1,
        messages: [{ key: event.applicationNo, value: JSON.stringify(event) }],
      });
    }
  } finally {
    await producer.disconnect();
  }
}

export function permitProgressed(
  applicationNo: string,
  data: Pick<PermitProgressedData, 'permitType' | 'status' | 'utilities'> &
    Partial<PermitProgressedData>,
): PermitProgressed {
  const at = new Date().toISOString();
  return {
    eventId: randomUUID(),
    type: 'PermitProgressed',
    version: CURRENT_VERSION,
    occurredAt: at,
    applicationNo,
    producer: 'permits',
    correlationId: randomUUID(),
    data: { permitId: randomUUID(), at, officer: 'CG-007', ...data },
  };
}

export function applicationWithdrawn(applicationNo: string, reason: string): ApplicationWithdrawn {
  const at = new Date().toISOString();
  return {
    eventId: randomUUID(),
    type: 'ApplicationWithdrawn',
    version: CURRENT_VERSION,
    occurredAt: at,
    applicationNo,
    producer: 'intake',
    correlationId: randomUUID(),
    data: { withdrawnAt: at, reason },
  };
}

/** Polls `check` until it returns something other than undefined or false. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = await check();
    if (result !== undefined && result !== false) return result;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Outbox rows owed for `applicationNo`, optionally of one step. */
export async function countOutbox(
  dataSource: DataSource,
  applicationNo: string,
  step?: string,
): Promise<number> {
  const rows: Array<{ count: string }> = await dataSource.query(
    `SELECT count(*) FROM outbox
      WHERE message_key = $1 AND ($2::text IS NULL OR payload->'data'->>'step' = $2)`,
    [applicationNo, step ?? null],
  );
  return Number(rows[0].count);
}

export async function dropDatabase(name: string): Promise<void> {
  const client = new Client({ connectionString: DATABASE_URL });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

export async function deleteGroup(kafka: Kafka, groupId: string): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.deleteGroups([groupId]);
  } catch {
    // A group that never committed is not there to delete.
  } finally {
    await admin.disconnect();
  }
}

export async function getJson<T = Record<string, unknown>>(
  url: string,
): Promise<{ status: number; body: T }> {
  const res = await fetch(url, { headers: POWER_STAFF });
  return { status: res.status, body: (await res.json()) as T };
}

export async function postJson<T = Record<string, unknown>>(
  url: string,
  body: unknown,
): Promise<{ status: number; body: T }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...POWER_STAFF },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as T };
}
