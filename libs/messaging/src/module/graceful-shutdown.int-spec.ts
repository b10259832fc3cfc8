import { DataSource } from 'typeorm';

import { EventHeaders } from '@joint/contracts';
import { appendToOutbox, EventConsumer, OutboxRelay } from '../index';

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

describe('graceful shutdown', () => {
  it('finishes the batch, commits, publishes the outbox, then closes the database', async () => {
    const database = await createTestDatabase();
    const groupId = uniqueName('jm-shutdown-group');
    const applicationNo = uniqueName('APP');
    const incoming = serviceProgressed(applicationNo, 'incoming');
    const outgoing = serviceProgressed(`${applicationNo}-OUT`, 'written by the handler');
    const order: string[] = [];
    let handlerStarted = false;
    const app = await startMessagingApp(database.url, { groupId }, (consumer) =>
      consumer.register(UTILITY_PROGRESS, {
        handle: async (events, manager) => {
          if (!events.some((e) => e.eventId === incoming.eventId)) return;
          handlerStarted = true;
          await new Promise((resolve) => setTimeout(resolve, 1_500));
          await appendToOutbox(manager, [{ topic: UTILITY_PROGRESS, event: outgoing }]);
          order.push('batch applied');
        },
      }),
    );
    const kafka = testKafka();
    const reader = await collect(
      kafka,
      UTILITY_PROGRESS,
      (m) => keyOf(m) === outgoing.applicationNo,
    );
    const consumer = app.get(EventConsumer);
    const relay = app.get(OutboxRelay);
    const dataSource = app.get(DataSource);
    record(consumer, 'stop', 'consumer stopped', order);
    record(relay, 'stop', 'relay stopped', order);
    record(dataSource, 'destroy', 'database closed', order);
    await consumer.whenJoined();
    const producer = kafka.producer();
    await producer.connect();
    const [sent] = await producer.send({
      topic: UTILITY_PROGRESS,
      acks: -1,
      messages: [{ key: applicationNo, value: JSON.stringify(incoming) }],
    });
    await producer.disconnect();

    await waitFor('the handler running', () => handlerStarted);
    await app.close();

    expect(order).toEqual([
      'batch applied',
      'consumer stopped',
      'relay stopped',
      'database closed',
    ]);
    await waitFor('the handler’s event published', () => reader.messages.length === 1);
    expect(reader.messages[0].message.headers?.[EventHeaders.correlationId]?.toString()).toBe(
      outgoing.correlationId,
    );
    await reader.stop();
    const admin = kafka.admin();
    await admin.connect();
    const [offsets] = await admin.fetchOffsets({ groupId, topics: [UTILITY_PROGRESS] });
    await admin.disconnect();
    const committed = offsets.partitions.find((p) => p.partition === sent.partition)?.offset;
    expect(Number(committed)).toBe(Number(sent.baseOffset) + 1);
    await database.drop();
  });
});

/** Wraps `object[method]` to note when its promise settles. */
function record<T extends object>(
  object: T,
  method: keyof T & string,
  note: string,
  order: string[],
) {
  const original = (object[method] as () => Promise<unknown>).bind(object);
  jest
    .spyOn(object as Record<string, () => Promise<unknown>>, method)
    .mockImplementation(async () => {
      const result = await original();
      if (!order.includes(note)) order.push(note);
      return result;
    });
}
