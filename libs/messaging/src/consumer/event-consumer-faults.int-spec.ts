import { Logger } from '@nestjs/common';
import { Consumer, Kafka, Partitioners, Producer } from 'kafkajs';
import { Client } from 'pg';
import { register } from 'prom-client';
import { DataSource } from 'typeorm';

import { deadLetterTopicOf, DeadLetterHeaders, ServiceProgressed } from '@joint/contracts';
import { DEAD_LETTER_ATTEMPTS_HEADER, EventConsumer, InboxRecord, KafkaHealth } from '../index';
import { MessagingOptions } from '../module/messaging-options';

import {
  collect,
  createTestDatabase,
  keyOf,
  serviceProgressed,
  startMessagingApp,
  testKafka,
  uniqueName,
  UTILITY_PROGRESS,
  waitFor,
} from '../../test/messaging-test-kit';

jest.setTimeout(120_000);

type Handle = (events: ServiceProgressed[]) => Promise<void>;

/** One app per test: a fresh group, its own database, a handler the test shapes. */
async function startConsumer(options: Partial<MessagingOptions>, handle: Handle) {
  const database = await createTestDatabase();
  const groupId = uniqueName('jm-fault-group');
  const app = await startMessagingApp(
    database.url,
    { groupId, retryStartingDelayMs: 50, retryMaxDelayMs: 500, ...options },
    (consumer) =>
      consumer.register(UTILITY_PROGRESS, {
        handle: async (events, manager) => {
          await manager.query('SELECT 1');
          await handle(events);
        },
      }),
  );
  const consumer = app.get(EventConsumer);
  await consumer.whenJoined();
  return { app, consumer, database, groupId };
}

async function pgAdmin(sql: string): Promise<void> {
  const server = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432';
  const client = new Client({ connectionString: `${server}/postgres` });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

function kafkajsConsumerOf(consumer: EventConsumer): Consumer {
  return (consumer as unknown as { consumer: Consumer }).consumer;
}

async function metricValue(name: string, labels: Record<string, string>): Promise<number> {
  const metric = await register.getSingleMetric(name)?.get();
  const sample = metric?.values.find((v) =>
    Object.entries(labels).every(([k, value]) => String(v.labels[k]) === value),
  );
  return sample?.value ?? NaN;
}

describe('EventConsumer under faults', () => {
  let kafka: Kafka;
  let producer: Producer;
  const cleanups: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    kafka = testKafka();
    producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
  });

  afterEach(async () => {
    jest.restoreAllMocks();
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  afterAll(async () => {
    await producer?.disconnect();
  });

  async function produce(applicationNo: string, events: ServiceProgressed[]) {
    const [sent] = await producer.send({
      topic: UTILITY_PROGRESS,
      acks: -1,
      messages: events.map((e) => ({ key: applicationNo, value: JSON.stringify(e) })),
    });
    return sent;
  }

  async function started(options: Partial<MessagingOptions>, handle: Handle) {
    const started = await startConsumer(options, handle);
    cleanups.push(async () => {
      await started.app.close();
      await started.database.drop();
    });
    return started;
  }

  it('dead-letters a poison event after maxAttempts and applies the events after it', async () => {
    const applicationNo = uniqueName('APP');
    const [before, poison, after] = ['before', 'poison', 'after'].map((note) =>
      serviceProgressed(applicationNo, note),
    );
    const applied: string[] = [];
    const { app, groupId } = await started({ maxAttempts: 3 }, (events) => {
      const mine = events.filter((e) => e.applicationNo === applicationNo);
      if (mine.some((e) => e.eventId === poison.eventId)) {
        return Promise.reject(new Error('cannot apply this one'));
      }
      applied.push(...mine.map((e) => e.data.note ?? ''));
      return Promise.resolve();
    });
    const deadLetters = await collect(
      kafka,
      deadLetterTopicOf(UTILITY_PROGRESS),
      (m) => keyOf(m) === applicationNo,
    );
    cleanups.push(() => deadLetters.stop());

    const sent = await produce(applicationNo, [before, poison, after]);
    await waitFor('the events around the poison applied', () => applied.length === 2);
    await waitFor('the poison dead-lettered', () => deadLetters.messages.length === 1);

    expect(applied).toEqual(['before', 'after']);
    const { message } = deadLetters.messages[0];
    const header = (name: string) => message.headers?.[name]?.toString();
    expect(message.value?.toString()).toBe(JSON.stringify(poison));
    expect(header(DeadLetterHeaders.reason)).toBe('cannot apply this one');
    expect(header(DEAD_LETTER_ATTEMPTS_HEADER)).toBe('3');
    expect(header(DeadLetterHeaders.originalOffset)).toBe(String(Number(sent.baseOffset) + 1));
    expect(header(DeadLetterHeaders.consumerGroup)).toBe(groupId);
    const inbox = await app.get(DataSource).getRepository(InboxRecord).findBy({
      eventId: poison.eventId,
    });
    expect(inbox).toHaveLength(0);
    const labels = { topic: UTILITY_PROGRESS, group: groupId };
    // A new group also reads the malformed messages earlier tests left on the topic.
    expect(await metricValue('joint_dead_letters_total', labels)).toBeGreaterThanOrEqual(1);
  });

  it('retries while the database is away, keeps its membership, applies all once', async () => {
    const applicationNo = uniqueName('APP');
    const events = [1, 2, 3, 4, 5].map((n) => serviceProgressed(applicationNo, `e${n}`));
    const applied: string[] = [];
    const warn = jest.spyOn(Logger.prototype, 'warn');
    const { consumer, database } = await started({}, (batch) => {
      applied.push(...batch.filter((e) => e.applicationNo === applicationNo).map((e) => e.eventId));
      return Promise.resolve();
    });
    const memberId = consumer.currentMemberId;
    const deadLetters = await collect(
      kafka,
      deadLetterTopicOf(UTILITY_PROGRESS),
      (m) => keyOf(m) === applicationNo,
    );
    cleanups.push(() => deadLetters.stop());
    const name = database.url.split('/').pop();

    await pgAdmin(`ALTER DATABASE ${name} WITH ALLOW_CONNECTIONS false`);
    await pgAdmin(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${name}'`,
    );
    await produce(applicationNo, events);
    await waitFor(
      'retries while the database is away',
      () =>
        warn.mock.calls.filter(([, message]) => message === 'database unavailable, retrying')
          .length >= 3,
    );
    await pgAdmin(`ALTER DATABASE ${name} WITH ALLOW_CONNECTIONS true`);
    await waitFor('every event applied', () => applied.length >= events.length);

    expect(applied).toEqual(events.map((e) => e.eventId));
    expect(deadLetters.messages).toHaveLength(0);
    expect(consumer.currentMemberId).toBe(memberId);
  });

  it('keeps its membership through a handler slower than the session timeout', async () => {
    const applicationNo = uniqueName('APP');
    const event = serviceProgressed(applicationNo, 'slow');
    let calls = 0;
    const { consumer, groupId } = await started(
      { sessionTimeoutMs: 6_000, heartbeatIntervalMs: 1_000 },
      async (batch) => {
        if (!batch.some((e) => e.eventId === event.eventId)) return;
        calls += 1;
        if (calls === 1) await new Promise((resolve) => setTimeout(resolve, 10_000));
      },
    );
    const memberId = consumer.currentMemberId;

    const sent = await produce(applicationNo, [event]);
    const admin = kafka.admin();
    await admin.connect();
    cleanups.push(() => admin.disconnect());
    await waitFor(
      'the offset committed past the slow event',
      async () => {
        const [offsets] = await admin.fetchOffsets({ groupId, topics: [UTILITY_PROGRESS] });
        const partition = offsets.partitions.find((p) => p.partition === sent.partition);
        return Number(partition?.offset ?? -1) > Number(sent.baseOffset);
      },
      40_000,
    );

    expect(calls).toBe(1);
    expect(consumer.currentMemberId).toBe(memberId);
  });

  it('restarts a consumer that stopped on its own, and exits if that keeps on', async () => {
    const applicationNo = uniqueName('APP');
    const applied: string[] = [];
    const exitProcess = jest.fn();
    const { app, consumer, groupId } = await started({ maxRestarts: 1, exitProcess }, (batch) => {
      applied.push(...batch.filter((e) => e.applicationNo === applicationNo).map((e) => e.eventId));
      return Promise.resolve();
    });
    const firstMember = consumer.currentMemberId;

    await kafkajsConsumerOf(consumer).stop();
    await waitFor('a new member', () => consumer.currentMemberId !== firstMember, 30_000);
    await produce(applicationNo, [serviceProgressed(applicationNo)]);
    await waitFor('the restarted consumer consuming', () => applied.length === 1);
    expect(exitProcess).not.toHaveBeenCalled();

    await kafkajsConsumerOf(consumer).stop();
    await waitFor('the process told to exit', () => exitProcess.mock.calls.length > 0);

    expect(exitProcess).toHaveBeenCalledWith(1);
    expect(consumer.health()).toEqual({ ok: false, reason: 'consumer stopped on its own' });
    const health = await app.get(KafkaHealth).isHealthy();
    expect(health).toEqual({ ok: false, reason: 'kafka: consumer stopped on its own' });
    expect(await metricValue('joint_consumer_up', { group: groupId })).toBe(0);
  });
});
