import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';

import { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { Consumer, Kafka, logLevel, Producer } from 'kafkajs';
import { Logger } from 'nestjs-pino';
import { Client } from 'pg';
import { DataSource } from 'typeorm';

import {
  ApplicationWithdrawn,
  CURRENT_VERSION,
  PermitProgressed,
  PermitType,
  ServiceProgressed,
  Topics,
  Utility,
  validateEvent,
} from '@joint/contracts';
import { TestTokens } from '@joint/auth/testing';
import { Clock, ensureDatabase, FakeClock, readServiceConfig } from '@joint/platform';

import { PermitsModule } from '../src/permits.module';

const ALL_DEPARTMENTS = [
  'natural_resources_planning',
  'urban_management',
  'housing_construction',
  'forestry_landscaping',
];

const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const WAIT_MS = 60_000;
/** 10:00 on Tuesday 1 December 2026 in China: decisions due Thursday, windows from Friday. */
const NOW = new Date('2026-12-01T02:00:00Z');
const DUE_BY = '2026-12-03T16:00:00.000Z';
const WINDOW = { windowStart: '2026-12-04', windowEnd: '2026-12-17' };

jest.setTimeout(120_000);

describe('permits service', () => {
  const run = randomUUID().replace(/-/g, '').slice(0, 10);
  const tokens = new TestTokens();
  const supervisor = tokens.headers('supervisor');
  const env = {
    ...tokens.env,
    DATABASE_URL,
    DATABASE_PREFIX: `jt_${run}_`,
    KAFKA_BROKERS: requiredBrokers(),
    KAFKA_GROUP_PREFIX: `test-${run}-`,
    PORT: '0',
    LOG_LEVEL: 'warn',
  };
  const config = readServiceConfig('permits', env);
  const kafka = new Kafka({
    clientId: `test-${run}`,
    brokers: config.kafkaBrokers,
    logLevel: logLevel.NOTHING,
  });
  const clock = new FakeClock(NOW);
  const published: PermitProgressed[] = [];
  let app: NestExpressApplication;
  let dataSource: DataSource;
  let baseUrl: string;
  let producer: Producer;
  let reader: Consumer;

  const appNo = (name: string) => `PT-${run}-${name}`;
  const eventsOf = (applicationNo: string) =>
    published.filter((e) => e.applicationNo === applicationNo).map((e) => e.data);

  beforeAll(async () => {
    await ensureDatabase(config.databaseServerUrl, config.databaseName);
    const moduleRef = await Test.createTestingModule({
      imports: [PermitsModule.register(config, env)],
    })
      .overrideProvider(Clock)
      .useValue(clock)
      .compile();
    app = moduleRef.createNestApplication<NestExpressApplication>({ bufferLogs: true });
    app.useLogger(app.get(Logger));
    await app.listen(0, '127.0.0.1');
    dataSource = app.get(DataSource);
    baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;

    producer = kafka.producer({ allowAutoTopicCreation: false });
    await producer.connect();
    reader = await readPermitsProgress(kafka, run, published);
  });

  afterAll(async () => {
    await reader?.disconnect();
    await producer?.disconnect();
    await app?.close();
    await deleteGroup(kafka, `${config.groupPrefix}permits`);
    await dropDatabase(config.databaseName);
  });

  async function produce(
    topic: typeof Topics.utilityProgress | typeof Topics.applicationsWithdrawn,
    events: Array<ServiceProgressed | ApplicationWithdrawn>,
  ): Promise<void> {
    for (const event of events) {
      expect(validateEvent(topic, JSON.stringify(event))).toMatchObject({ ok: true });
      await producer.send({
        topic,
        acks: -1,
        messages: [{ key: event.applicationNo, value: JSON.stringify(event) }],
      });
    }
  }

  async function permitsOf(applicationNo: string, type?: PermitType): Promise<PermitRow[]> {
    return dataSource.query(
      `SELECT p.id, p.permit_type AS type, p.status, p.road, p.window_start::text AS "windowStart",
              array_agg(u.utility ORDER BY u.utility) AS utilities
         FROM permit p JOIN permit_utility u ON u.permit_id = p.id
        WHERE p.application_no = $1 AND ($2::text IS NULL OR p.permit_type = $2)
        GROUP BY p.id ORDER BY p.requested_at, p.permit_type`,
      [applicationNo, type ?? null],
    );
  }

  /** Signed in as the officer the body names (an officer of every department). */
  async function decide(permitId: string, body: Record<string, unknown>): Promise<Response> {
    const officer = tokens.headers(
      'department_officer',
      ALL_DEPARTMENTS,
      typeof body.officer === 'string' && body.officer ? body.officer : 'T-o',
    );
    return fetch(`${baseUrl}/api/permits/${permitId}/decision`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...officer },
      body: JSON.stringify(body),
    });
  }

  async function listPermits(query: string): Promise<PermitPageBody> {
    const res = await fetch(`${baseUrl}/api/permits?${query}`, { headers: supervisor });
    expect(res.status).toBe(200);
    return (await res.json()) as PermitPageBody;
  }

  it('joins the road excavations of power, water and gas into one permit and window', async () => {
    const applicationNo = appNo('joint');
    const route = '  纬三路   东段 ';

    await produce(Topics.utilityProgress, [
      permitsRequested(applicationNo, 'power', ['road_excavation', 'planning'], route),
      permitsRequested(applicationNo, 'water', ['road_excavation'], route),
      permitsRequested(applicationNo, 'gas', ['road_excavation'], route),
    ]);
    const joint = await waitFor('joint works for the three utilities', () =>
      eventsOf(applicationNo).find(
        (e) => e.status === 'joint_works_scheduled' && e.utilities.length === 3,
      ),
    );

    const excavations = await permitsOf(applicationNo, 'road_excavation');
    expect(excavations).toHaveLength(1);
    expect(excavations[0]).toMatchObject({
      status: 'requested',
      road: '纬三路 东段',
      utilities: ['gas', 'power', 'water'],
      windowStart: WINDOW.windowStart,
    });
    expect(joint).toMatchObject({
      permitId: excavations[0].id,
      permitType: 'road_excavation',
      utilities: ['power', 'water', 'gas'],
      jointWorks: { road: '纬三路 东段', ...WINDOW, utilities: ['power', 'water', 'gas'] },
    });
    expect(await permitsOf(applicationNo, 'planning')).toHaveLength(1);
    const requested = eventsOf(applicationNo).filter((e) => e.status === 'requested');
    expect(requested.map((e) => [e.permitType, e.department, e.dueBy, e.utilities])).toEqual([
      ['road_excavation', 'housing_construction', DUE_BY, ['power']],
      ['planning', 'natural_resources_planning', DUE_BY, ['power']],
    ]);
  });

  it('takes each decision over HTTP and publishes grants listing every utility covered', async () => {
    const applicationNo = appNo('joint');
    const permits = await permitsOf(applicationNo);
    expect(permits).toHaveLength(2);

    for (const permit of permits) {
      const res = await decide(permit.id, {
        decision: 'granted',
        officer: 'ZJ-017',
        conditions: 'restore the surface in 3 days',
      });
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({
        id: permit.id,
        status: 'granted',
        officer: 'ZJ-017',
      });
    }
    await waitFor(
      'two grants',
      () => eventsOf(applicationNo).filter((e) => e.status === 'granted').length === 2 || undefined,
    );

    const grants = eventsOf(applicationNo).filter((e) => e.status === 'granted');
    expect(grants.map((e) => [e.permitType, e.utilities, e.officer, e.conditions])).toEqual(
      expect.arrayContaining([
        ['road_excavation', ['power', 'water', 'gas'], 'ZJ-017', 'restore the surface in 3 days'],
        ['planning', ['power'], 'ZJ-017', 'restore the surface in 3 days'],
      ]),
    );
    const again = await decide(permits[0].id, { decision: 'rejected', officer: 'x', reason: 'y' });
    expect(again.status).toBe(409);
  });

  it('answers 404 for an unknown permit and 400 with every bad field', async () => {
    expect((await decide(randomUUID(), { decision: 'granted', officer: 'o' })).status).toBe(404);
    expect((await decide('not-a-permit', { decision: 'granted', officer: 'o' })).status).toBe(404);

    const bad = await decide(randomUUID(), { decision: 'rejected', officer: '' });
    expect(bad.status).toBe(400);
    const { errors } = (await bad.json()) as { errors: Array<{ field: string }> };
    expect(new Set(errors.map((e) => e.field))).toEqual(new Set(['officer', 'reason']));
    const lost = await fetch(`${baseUrl}/api/permits?status=lost`, { headers: supervisor });
    expect(lost.status).toBe(400);
  });

  it('publishes a rejection with its reason', async () => {
    const applicationNo = appNo('rejected');
    await produce(Topics.utilityProgress, [
      permitsRequested(applicationNo, 'gas', ['road_occupation'], '经二路'),
    ]);
    const [permit] = await waitFor('the permit opened', async () => {
      const rows = await permitsOf(applicationNo);
      return rows.length > 0 ? rows : undefined;
    });

    const res = await decide(permit.id, {
      decision: 'rejected',
      officer: 'CG-003',
      reason: 'the road is closed for repairs until March',
    });

    expect(res.status).toBe(200);
    const rejected = await waitFor('the rejection', () =>
      eventsOf(applicationNo).find((e) => e.status === 'rejected'),
    );
    expect(rejected).toMatchObject({
      permitType: 'road_occupation',
      department: 'urban_management',
      utilities: ['gas'],
      officer: 'CG-003',
      reason: 'the road is closed for repairs until March',
    });
  });

  it('opens no second permit for a redelivered or repeated request', async () => {
    const applicationNo = appNo('repeat');
    const first = permitsRequested(applicationNo, 'power', ['planning'], '纬三路');
    const sameAskNewId = { ...first, eventId: randomUUID() };
    // Same key, so the same partition: once it is applied, everything before it is too.
    const last = permitsRequested(applicationNo, 'water', ['planning'], '纬三路');

    await produce(Topics.utilityProgress, [first, first, sameAskNewId, last]);
    await waitFor(
      'the last request applied',
      async () => (await permitsOf(applicationNo)).length === 2 || undefined,
    );

    const utilities = (await permitsOf(applicationNo)).map((p) => p.utilities.join());
    expect(utilities.sort()).toEqual(['power', 'water']);
    expect(await countOutbox(dataSource, applicationNo)).toBe(2);
  });

  it('opens a new permit for a request after a rejection, none while one is open', async () => {
    const applicationNo = appNo('re-request');
    await produce(Topics.utilityProgress, [
      permitsRequested(applicationNo, 'gas', ['road_occupation'], '经三路'),
    ]);
    const [rejected] = await waitFor('the permit opened', async () => {
      const rows = await permitsOf(applicationNo);
      return rows.length > 0 ? rows : undefined;
    });
    const res = await decide(rejected.id, { decision: 'rejected', officer: 'CG-003', reason: 'x' });
    expect(res.status).toBe(200);

    // The case was returned; the utility resumed and asks again, in a new event.
    await produce(Topics.utilityProgress, [
      permitsRequested(applicationNo, 'gas', ['road_occupation'], '经三路'),
    ]);
    const reopened = await waitFor('the second permit', async () => {
      const rows = await permitsOf(applicationNo);
      return rows.find((p) => p.id !== rejected.id);
    });
    expect(reopened).toMatchObject({ type: 'road_occupation', status: 'requested' });
    await waitFor('the second permit requested', () =>
      eventsOf(applicationNo).find((e) => e.permitId === reopened.id && e.status === 'requested'),
    );

    // Same key, so the same partition: once the planning permit opens, the repeat was applied.
    await produce(Topics.utilityProgress, [
      permitsRequested(applicationNo, 'gas', ['road_occupation'], '经三路'),
      permitsRequested(applicationNo, 'gas', ['planning'], '经三路'),
    ]);
    await waitFor(
      'the planning permit',
      async () => (await permitsOf(applicationNo, 'planning')).length === 1 || undefined,
    );

    // The fake clock stands still, so both were requested at once: compare them in any order.
    const occupations = await permitsOf(applicationNo, 'road_occupation');
    expect(occupations.map((p) => [p.id, p.status, p.utilities])).toEqual(
      expect.arrayContaining([
        [rejected.id, 'rejected', ['gas']],
        [reopened.id, 'requested', ['gas']],
      ]),
    );
    expect(occupations).toHaveLength(2);
    expect(await countOutbox(dataSource, applicationNo)).toBe(4);
    await waitFor('every event published', () => eventsOf(applicationNo).length === 4 || undefined);
    expect(eventsOf(applicationNo).map((e) => [e.permitType, e.status, e.permitId])).toEqual([
      ['road_occupation', 'requested', rejected.id],
      ['road_occupation', 'rejected', rejected.id],
      ['road_occupation', 'requested', reopened.id],
      ['planning', 'requested', expect.any(String)],
    ]);
  });

  it('lets a utility that asks after the grant join it, and tells it of the grant', async () => {
    const applicationNo = appNo('late');
    await produce(Topics.utilityProgress, [
      permitsRequested(applicationNo, 'power', ['road_excavation'], '纬四路'),
    ]);
    const [permit] = await waitFor('the permit opened', async () => {
      const rows = await permitsOf(applicationNo);
      return rows.length > 0 ? rows : undefined;
    });
    expect((await decide(permit.id, { decision: 'granted', officer: 'ZJ-017' })).status).toBe(200);

    await produce(Topics.utilityProgress, [
      permitsRequested(applicationNo, 'water', ['road_excavation'], '纬四路'),
    ]);
    await waitFor('the grant again for both', () =>
      eventsOf(applicationNo).find((e) => e.status === 'granted' && e.utilities.length === 2),
    );

    expect(await permitsOf(applicationNo)).toHaveLength(1);
    expect(eventsOf(applicationNo).map((e) => [e.status, e.utilities])).toEqual([
      ['requested', ['power']],
      ['granted', ['power']],
      ['joint_works_scheduled', ['power', 'water']],
      ['granted', ['power', 'water']],
    ]);
  });

  it('cancels the undecided permits of a withdrawn application, and only those', async () => {
    const applicationNo = appNo('withdrawn');
    await produce(Topics.utilityProgress, [
      permitsRequested(applicationNo, 'water', ['planning', 'tree_relocation'], '纬五路'),
    ]);
    const permits = await waitFor('both permits opened', async () => {
      const rows = await permitsOf(applicationNo);
      return rows.length === 2 ? rows : undefined;
    });
    const planning = permits.find((p) => p.type === 'planning');
    expect((await decide(planning?.id ?? '', { decision: 'granted', officer: 'o' })).status).toBe(
      200,
    );

    await produce(Topics.applicationsWithdrawn, [withdrawn(applicationNo)]);
    const cancelled = await waitFor('the cancellation', () =>
      eventsOf(applicationNo).find((e) => e.status === 'cancelled'),
    );

    expect(cancelled).toMatchObject({
      permitType: 'tree_relocation',
      department: 'forestry_landscaping',
      utilities: ['water'],
      reason: 'application withdrawn',
    });
    expect((await permitsOf(applicationNo)).map((p) => [p.type, p.status])).toEqual(
      expect.arrayContaining([
        ['planning', 'granted'],
        ['tree_relocation', 'cancelled'],
      ]),
    );
    const tree = permits.find((p) => p.type === 'tree_relocation');
    expect((await decide(tree?.id ?? '', { decision: 'granted', officer: 'o' })).status).toBe(409);
  });

  it('shows excavations of two applications on one road as one group', async () => {
    const [first, second, elsewhere] = [appNo('road-1'), appNo('road-2'), appNo('road-3')];
    const road = `经五路 ${run}`;
    await produce(Topics.utilityProgress, [
      permitsRequested(first, 'power', ['road_excavation'], road),
      permitsRequested(second, 'gas', ['road_excavation'], ` ${road}  `),
      permitsRequested(elsewhere, 'gas', ['road_excavation'], `经六路 ${run}`),
    ]);
    await waitFor('the three excavations opened', async () => {
      const counts = await Promise.all([first, second, elsewhere].map((no) => permitsOf(no)));
      return counts.every((rows) => rows.length === 1) || undefined;
    });

    const page = await listPermits('department=housing_construction&pageSize=100');

    const onRoad = page.items.filter((item) => item.road === road);
    expect(onRoad).toHaveLength(2);
    for (const item of onRoad) {
      expect(item.sameRoadGroup?.road).toBe(road);
      expect(item.sameRoadGroup?.permitIds.sort()).toEqual(onRoad.map((i) => i.id).sort());
      expect(item.sameRoadGroup?.applicationNos.sort()).toEqual([first, second]);
    }
    const alone = page.items.find((item) => item.applicationNo === elsewhere);
    expect(alone?.sameRoadGroup).toBeNull();
    expect(page.items.every((item) => item.department === 'housing_construction')).toBe(true);
    expect(page.items.every((item) => item.type === 'road_excavation')).toBe(true);
  });

  it('has a schema that matches its entities', async () => {
    const pending = await dataSource.driver.createSchemaBuilder().log();

    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });
});

interface PermitRow {
  id: string;
  type: PermitType;
  status: string;
  road: string | null;
  windowStart: string | null;
  utilities: Utility[];
}

interface PermitPageBody {
  items: Array<{
    id: string;
    applicationNo: string;
    type: PermitType;
    department: string;
    road: string | null;
    sameRoadGroup: { road: string; permitIds: string[]; applicationNos: string[] } | null;
  }>;
  total: number;
}

function requiredBrokers(): string {
  const brokers = process.env.KAFKA_BROKERS;
  if (!brokers) throw new Error('KAFKA_BROKERS is not set: run under tools/kafka/with-kafka.sh');
  return brokers;
}

/** A `permits_requested` step as a utility publishes it. */
function permitsRequested(
  applicationNo: string,
  utility: Utility,
  permits: PermitType[],
  route: string,
): ServiceProgressed {
  const at = new Date().toISOString();
  return {
    eventId: randomUUID(),
    type: 'ServiceProgressed',
    version: CURRENT_VERSION,
    occurredAt: at,
    applicationNo,
    producer: utility,
    correlationId: `corr-${applicationNo}`,
    data: {
      utility,
      step: 'permits_requested',
      at,
      externalWorks: { required: true, route, lengthM: 120, crossesRoad: true },
      permits,
    },
  };
}

function withdrawn(applicationNo: string): ApplicationWithdrawn {
  const at = new Date().toISOString();
  return {
    eventId: randomUUID(),
    type: 'ApplicationWithdrawn',
    version: CURRENT_VERSION,
    occurredAt: at,
    applicationNo,
    producer: 'intake',
    correlationId: `corr-${applicationNo}`,
    data: { withdrawnAt: at, reason: 'the enterprise moved' },
  };
}

/** Collects this run's `permits.progress` events, in order, as they are published. */
async function readPermitsProgress(
  kafka: Kafka,
  run: string,
  into: PermitProgressed[],
): Promise<Consumer> {
  const consumer = kafka.consumer({ groupId: `test-reader-${run}` });
  await consumer.connect();
  await consumer.subscribe({ topic: Topics.permitsProgress, fromBeginning: true });
  await consumer.run({
    eachMessage: ({ message }) => {
      if (message.key?.toString().startsWith(`PT-${run}-`) && message.value) {
        into.push(JSON.parse(message.value.toString()) as PermitProgressed);
      }
      return Promise.resolve();
    },
  });
  return consumer;
}

async function countOutbox(dataSource: DataSource, applicationNo: string): Promise<number> {
  const rows: Array<{ count: string }> = await dataSource.query(
    `SELECT count(*) FROM outbox WHERE message_key = $1`,
    [applicationNo],
  );
  return Number(rows[0].count);
}

/** Polls `probe` until it gives a value other than undefined. */
async function waitFor<T>(
  what: string,
  probe: () => T | undefined | Promise<T | undefined>,
): Promise<T> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
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
