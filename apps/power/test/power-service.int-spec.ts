import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';

import { NestExpressApplication } from '@nestjs/platform-express';
import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
import { DataSource } from 'typeorm';

import {
  ApplicationAccepted,
  ApplicationForm,
  CURRENT_VERSION,
  Topics,
  Utility,
} from '@joint/contracts';
import { TestTokens } from '@joint/auth/testing';
import { bootstrapService, readServiceConfig, ServiceConfig } from '@joint/platform';

import { PowerModule } from '../src/power.module';

const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const WAIT_MS = 60_000;

jest.setTimeout(120_000);

describe('power service', () => {
  const run = randomUUID().replace(/-/g, '').slice(0, 10);
  const tokens = new TestTokens();
  const staff = tokens.headers('utility_staff', ['power']);
  const env = {
    ...tokens.env,
    DATABASE_URL,
    DATABASE_PREFIX: `jt_${run}_`,
    KAFKA_BROKERS: requiredBrokers(),
    KAFKA_GROUP_PREFIX: `test-${run}-`,
    PORT: '0',
    LOG_LEVEL: 'warn',
  };
  const config: ServiceConfig = readServiceConfig('power', env);
  const kafka = new Kafka({
    clientId: `test-${run}`,
    brokers: config.kafkaBrokers,
    logLevel: logLevel.NOTHING,
  });
  let app: NestExpressApplication;
  let dataSource: DataSource;
  let baseUrl: string;

  beforeAll(async () => {
    app = await bootstrapService(config, PowerModule.register(config, env));
    dataSource = app.get(DataSource);
    baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await app?.close();
    await deleteGroup(kafka, `${config.groupPrefix}power`);
    await dropDatabase(config.databaseName);
  });

  it('opens one case and owes one received step when the same acceptance arrives twice', async () => {
    const applicationNo = `YJ-TEST-${run}-1`;
    const accepted = applicationAccepted(applicationNo, ['power', 'water']);

    await produce(kafka, [accepted, accepted]);
    await waitForGroupToCatchUp(kafka, `${config.groupPrefix}power`);

    const found = await fetch(`${baseUrl}/api/cases/${applicationNo}`, { headers: staff });
    expect(found.status).toBe(200);
    expect(await found.json()).toMatchObject({
      applicationNo,
      utility: 'power',
      currentStep: 'received',
      request: accepted.data.form.power,
    });
    expect(await countRows(dataSource, 'utility_case', applicationNo)).toBe(1);
    expect(await countRows(dataSource, 'outbox', applicationNo)).toBe(1);
    expect(await countRows(dataSource, 'inbox', accepted.eventId)).toBe(1);

    const progressed = await waitForPublished(kafka, dataSource, applicationNo);
    expect(progressed).toHaveLength(1);
    expect(progressed[0]).toMatchObject({
      type: 'ServiceProgressed',
      producer: 'power',
      applicationNo,
      correlationId: accepted.correlationId,
      data: { utility: 'power', step: 'received' },
    });
  });

  it('opens no second case for the same application under a new event id', async () => {
    const applicationNo = `YJ-TEST-${run}-2`;
    const first = applicationAccepted(applicationNo, ['power']);
    const again = { ...first, eventId: randomUUID() };

    await produce(kafka, [first, again]);
    await waitForGroupToCatchUp(kafka, `${config.groupPrefix}power`);

    expect(await countRows(dataSource, 'utility_case', applicationNo)).toBe(1);
    expect(await countRows(dataSource, 'outbox', applicationNo)).toBe(1);
  });

  it('opens no case for an application that does not ask for power', async () => {
    const applicationNo = `YJ-TEST-${run}-3`;

    await produce(kafka, [applicationAccepted(applicationNo, ['water', 'gas'])]);
    await waitForGroupToCatchUp(kafka, `${config.groupPrefix}power`);

    const res = await fetch(`${baseUrl}/api/cases/${applicationNo}`, { headers: staff });
    expect(res.status).toBe(404);
    expect(await countRows(dataSource, 'outbox', applicationNo)).toBe(0);
  });

  it('answers GET /health with 200', async () => {
    expect((await fetch(`${baseUrl}/health`)).status).toBe(200);
  });

  it('has a schema that matches its entities', async () => {
    const pending = await dataSource.driver.createSchemaBuilder().log();

    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });
});

function requiredBrokers(): string {
  const brokers = process.env.KAFKA_BROKERS;
  if (!brokers) throw new Error('KAFKA_BROKERS is not set: run under tools/kafka/with-kafka.sh');
  return brokers;
}

/** An acceptance as intake publishes it, asking for `services`. */
function applicationAccepted(applicationNo: string, services: Utility[]): ApplicationAccepted {
  const firstContact = { staffId: 'YJ-GH-017', name: '王芳' };
  const sections: Pick<ApplicationForm, Utility> = {
    power: { type: 'new', mainCapacityKva: 630, backupCapacityKva: 200 },
    water: { type: 'new_account', meterSizeDn: 50, dualSupply: false },
    gas: {
      usage: 'production',
      flowM3PerHour: 120,
      supplyPressureKpa: 200,
      expectedStartDate: '2027-03-01',
    },
  };
  const form: ApplicationForm = {
    channel: 'government_hall',
    window: '叶集区政务服务中心 水电气联办窗口 2号',
    firstContact,
    enterprise: {
      name: '六安市叶集区某某木业有限公司',
      premisesOwnership: 'leased',
      contactName: '张伟',
      contactPhone: '13800000001',
      address: '六安市叶集区经济开发区纬三路 18 号',
    },
    ...Object.fromEntries(services.map((utility) => [utility, sections[utility]])),
  };
  const acceptedAt = new Date().toISOString();
  return {
    eventId: randomUUID(),
    type: 'ApplicationAccepted',
    version: CURRENT_VERSION,
    occurredAt: acceptedAt,
    applicationNo,
    producer: 'intake',
    correlationId: randomUUID(),
    data: { form, firstContact, acceptedAt, services },
  };
}

/** Sends each event as its own message, the way a redelivery looks to the consumer. */
async function produce(kafka: Kafka, events: ApplicationAccepted[]): Promise<void> {
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  try {
    for (const event of events) {
      await producer.send({
        topic: Topics.applicationsAccepted,
        acks: -1,
        messages: [{ key: event.applicationNo, value: JSON.stringify(event) }],
      });
    }
  } finally {
    await producer.disconnect();
  }
}

/** Waits until `groupId` has committed everything now on `applications.accepted`. */
async function waitForGroupToCatchUp(kafka: Kafka, groupId: string): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const ends = await admin.fetchTopicOffsets(Topics.applicationsAccepted);
    await waitFor(`${groupId} to catch up`, async () => {
      const [committed] = await admin.fetchOffsets({
        groupId,
        topics: [Topics.applicationsAccepted],
      });
      return ends.every(({ partition, high }) => {
        const done = committed.partitions.find((p) => p.partition === partition)?.offset ?? '-1';
        return BigInt(high) === 0n || BigInt(done) >= BigInt(high);
      });
    });
  } finally {
    await admin.disconnect();
  }
}

/** The `utility.progress` events for `applicationNo`, once the outbox has published its rows. */
async function waitForPublished(
  kafka: Kafka,
  dataSource: DataSource,
  applicationNo: string,
): Promise<Array<{ [key: string]: unknown }>> {
  await waitFor('the outbox to publish', async () => {
    const rows: Array<{ pending: string }> = await dataSource.query(
      `SELECT count(*) AS pending FROM outbox WHERE message_key = $1 AND published_at IS NULL`,
      [applicationNo],
    );
    return rows[0].pending === '0';
  });
  const values = await readToEnd(kafka, Topics.utilityProgress, applicationNo);
  return values.map((value) => JSON.parse(value) as { [key: string]: unknown });
}

/** The values keyed `key` on `topic`, from the beginning to the current end. */
async function readToEnd(kafka: Kafka, topic: string, key: string): Promise<string[]> {
  const admin = kafka.admin();
  await admin.connect();
  const ends = await admin.fetchTopicOffsets(topic);
  await admin.disconnect();
  const remaining = new Set(ends.filter((p) => p.high !== p.low).map((p) => p.partition));
  const values: string[] = [];

  const consumer = kafka.consumer({ groupId: `test-reader-${randomUUID()}` });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: ({ partition, message }) => {
      if (message.key?.toString() === key && message.value) values.push(message.value.toString());
      const end = ends.find((p) => p.partition === partition)?.high ?? '0';
      if (BigInt(message.offset) + 1n >= BigInt(end)) remaining.delete(partition);
      return Promise.resolve();
    },
  });
  try {
    await waitFor(`${topic} read to its end`, () => remaining.size === 0);
  } finally {
    await consumer.disconnect();
  }
  return values;
}

const KEY_COLUMNS = { utility_case: 'application_no', outbox: 'message_key', inbox: 'event_id' };

async function countRows(
  dataSource: DataSource,
  table: keyof typeof KEY_COLUMNS,
  key: string,
): Promise<number> {
  const column = KEY_COLUMNS[table];
  const rows: Array<{ count: string }> = await dataSource.query(
    `SELECT count(*) FROM "${table}" WHERE "${column}" = $1`,
    [key],
  );
  return Number(rows[0].count);
}

async function waitFor(what: string, check: () => boolean | Promise<boolean>): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function deleteGroup(kafka: Kafka, groupId: string): Promise<void> {
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

async function dropDatabase(name: string): Promise<void> {
  const client = new Client({ connectionString: DATABASE_URL });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
