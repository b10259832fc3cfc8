import { Admin, Kafka, Partitioners } from 'kafkajs';

import { ALL_TOPICS, deadLetterTopicOf } from '@joint/contracts';
import { ensureTopics } from '../index';

import { collect, testKafka, uniqueName, waitFor } from '../../test/messaging-test-kit';

jest.setTimeout(60_000);

describe('ensureTopics', () => {
  let kafka: Kafka;
  let admin: Admin;

  beforeAll(async () => {
    kafka = testKafka();
    admin = kafka.admin();
    await admin.connect();
  });

  afterAll(async () => {
    await admin?.disconnect();
  });

  it('creates every contract topic and its dead-letter topic, and is idempotent', async () => {
    const layout = { partitions: 6, replicationFactor: 1 };

    await ensureTopics(admin, ALL_TOPICS, layout);
    const again = await ensureTopics(admin, ALL_TOPICS, layout);

    expect(again).toEqual([]);
    const existing = await admin.listTopics();
    for (const topic of ALL_TOPICS) {
      expect(existing).toEqual(expect.arrayContaining([topic, deadLetterTopicOf(topic)]));
    }
  });

  it('works with the broker: a created topic takes messages a consumer group reads', async () => {
    const topic = uniqueName('jm-test-topic');
    await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 2 }] });
    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    const reader = await collect(kafka, topic, () => true);

    await producer.send({ topic, acks: -1, messages: [{ key: 'k', value: 'hello' }] });
    await waitFor('the message read back', () => reader.messages.length === 1);
    await reader.stop();
    await producer.disconnect();
    await admin.deleteTopics({ topics: [topic] });

    expect(reader.messages[0].message.value?.toString()).toBe('hello');
  });
});
