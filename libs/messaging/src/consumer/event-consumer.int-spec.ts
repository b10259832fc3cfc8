import { INestApplicationContext } from '@nestjs/common';
import { Kafka, Partitioners, Producer } from 'kafkajs';
import { DataSource } from 'typeorm';

import { deadLetterTopicOf, DeadLetterHeaders, ServiceProgressed } from '@joint/contracts';
import { EventConsumer, InboxRecord } from '../index';

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

jest.setTimeout(90_000);

describe('EventConsumer', () => {
  const groupId = uniqueName('jm-test-group');
  const handled: ServiceProgressed[] = [];
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let app: INestApplicationContext;
  let dataSource: DataSource;
  let kafka: Kafka;
  let producer: Producer;

  beforeAll(async () => {
    database = await createTestDatabase();
    app = await startMessagingApp(database.url, { groupId }, (consumer) =>
      consumer.register(UTILITY_PROGRESS, {
        handle: async (events, manager) => {
          // A write in the handler's transaction, as a real handler makes.
          await manager.query('SELECT 1');
          handled.push(...events);
        },
      }),
    );
    dataSource = app.get(DataSource);
    kafka = testKafka();
    producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    await app.get(EventConsumer).whenJoined();
  });

  afterAll(async () => {
    await producer?.disconnect();
    await app?.close();
    await database?.drop();
  });

  const handledFor = (applicationNo: string): ServiceProgressed[] =>
    handled.filter((event) => event.applicationNo === applicationNo);

  async function produce(applicationNo: string, values: (string | Buffer)[]) {
    const [metadata] = await producer.send({
      topic: UTILITY_PROGRESS,
      acks: -1,
      messages: values.map((value) => ({
        key: applicationNo,
        value,
        headers: { 'x-test': 'kept' },
      })),
    });
    return metadata;
  }

  it('applies an event delivered twice only once', async () => {
    const applicationNo = uniqueName('APP');
    const event = serviceProgressed(applicationNo, 'twice');
    const after = serviceProgressed(applicationNo, 'after');

    // Twice in one batch, then once more after it was applied: both paths of the dedupe.
    await produce(applicationNo, [JSON.stringify(event), JSON.stringify(event)]);
    await waitFor('the event applied', () => handledFor(applicationNo).length >= 1);
    await produce(applicationNo, [JSON.stringify(event), JSON.stringify(after)]);
    await waitFor('the event after', () => handledFor(applicationNo).length >= 2);

    expect(handledFor(applicationNo).map((e) => e.eventId)).toEqual([event.eventId, after.eventId]);
    const inbox = await dataSource.getRepository(InboxRecord).findBy({ eventId: event.eventId });
    expect(inbox).toHaveLength(1);
    expect(inbox[0]).toMatchObject({ consumerGroup: groupId, topic: UTILITY_PROGRESS });
  });

  it('dead-letters malformed messages unchanged and handles the next good one', async () => {
    const applicationNo = uniqueName('APP');
    const wrongVersion = JSON.stringify({ ...serviceProgressed(applicationNo), version: 99 });
    const good = serviceProgressed(applicationNo, 'good');
    const deadLetters = await collect(
      kafka,
      deadLetterTopicOf(UTILITY_PROGRESS),
      (m) => keyOf(m) === applicationNo,
    );

    const sent = await produce(applicationNo, ['not json {', wrongVersion, JSON.stringify(good)]);
    await waitFor('the good event applied', () => handledFor(applicationNo).length === 1);
    await waitFor('two dead letters', () => deadLetters.messages.length >= 2);
    await deadLetters.stop();

    expect(handledFor(applicationNo)[0].eventId).toBe(good.eventId);
    const [notJson, unknownVersion] = deadLetters.messages.map(({ message }) => message);
    expect(notJson.value?.toString()).toBe('not json {');
    expect(unknownVersion.value?.toString()).toBe(wrongVersion);
    const header = (name: string) => notJson.headers?.[name]?.toString();
    expect(header(DeadLetterHeaders.reason)).toMatch(/not JSON/);
    expect(header(DeadLetterHeaders.originalTopic)).toBe(UTILITY_PROGRESS);
    expect(header(DeadLetterHeaders.originalPartition)).toBe(String(sent.partition));
    expect(header(DeadLetterHeaders.originalOffset)).toBe(sent.baseOffset);
    expect(header(DeadLetterHeaders.consumerGroup)).toBe(groupId);
    expect(header(DeadLetterHeaders.failedAt)).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(header('x-test')).toBe('kept');
    expect(unknownVersion.headers?.[DeadLetterHeaders.reason]?.toString()).toMatch(/version 99/);
  });
});
