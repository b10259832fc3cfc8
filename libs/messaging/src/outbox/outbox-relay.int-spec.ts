import { INestApplicationContext } from '@nestjs/common';
import { DataSource, IsNull, Not } from 'typeorm';

import { EventHeaders } from '@joint/contracts';
import { appendToOutbox, OutboxMessage, OutboxRelay } from '../index';

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

describe('OutboxRelay', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let app: INestApplicationContext;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    app = await startMessagingApp(database.url, {});
    dataSource = app.get(DataSource);
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it('matches its migration: the entities need no further schema change', async () => {
    const pending = await dataSource.driver.createSchemaBuilder().log();

    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('publishes committed events in order, marks them, and publishes nothing rolled back', async () => {
    const applicationNo = uniqueName('APP');
    const committed = [1, 2, 3].map((n) => serviceProgressed(applicationNo, `step ${n}`));
    const rolledBack = serviceProgressed(applicationNo, 'rolled back');
    const last = serviceProgressed(applicationNo, 'after the rollback');
    const reader = await collect(testKafka(), UTILITY_PROGRESS, (m) => keyOf(m) === applicationNo);

    await dataSource.transaction((manager) =>
      appendToOutbox(
        manager,
        committed.map((event) => ({ topic: UTILITY_PROGRESS, event })),
      ),
    );
    await expect(
      dataSource.transaction(async (manager) => {
        await appendToOutbox(manager, [{ topic: UTILITY_PROGRESS, event: rolledBack }]);
        throw new Error('state change failed');
      }),
    ).rejects.toThrow('state change failed');
    await dataSource.transaction((manager) =>
      appendToOutbox(manager, [{ topic: UTILITY_PROGRESS, event: last }]),
    );

    await waitFor('four events on Kafka', () => reader.messages.length >= 4);
    await reader.stop();
    const received = reader.messages.map(
      ({ message }) => JSON.parse(String(message.value)) as { eventId: string },
    );
    expect(received.map((e) => e.eventId)).toEqual([...committed, last].map((e) => e.eventId));
    expect(reader.messages[0].message.headers?.[EventHeaders.eventType]?.toString()).toBe(
      'ServiceProgressed',
    );
    await waitFor('rows marked published', async () => {
      const { count } = await app.get(OutboxRelay).backlog();
      return count === 0;
    });
    const published = await dataSource.getRepository(OutboxMessage).count({
      where: { messageKey: applicationNo, publishedAt: Not(IsNull()) },
    });
    expect(published).toBe(4);
  });

  it('refuses to append outside a transaction', async () => {
    const event = serviceProgressed(uniqueName('APP'));

    await expect(
      appendToOutbox(dataSource.manager, [{ topic: UTILITY_PROGRESS, event }]),
    ).rejects.toThrow('open transaction');
  });
});
