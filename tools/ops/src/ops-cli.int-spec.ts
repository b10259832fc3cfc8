import { randomUUID } from 'node:crypto';

import { Kafka, logLevel } from 'kafkajs';

import { DeadLetterHeaders } from '@joint/contracts';

import { dlqProgram } from './dlq-commands';
import { opsProgram } from './ops-commands';

jest.setTimeout(90_000);

function unique(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  const poll = async (): Promise<void> => {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    return poll();
  };
  return poll();
}

describe('dlq and ops CLIs', () => {
  const kafka = new Kafka({
    clientId: 'ops-test',
    brokers: (process.env.KAFKA_BROKERS ?? '').split(','),
    logLevel: logLevel.NOTHING,
  });
  const topic = unique('ops-test');
  const dlq = `${topic}.dlq`;
  const admin = kafka.admin();
  const producer = kafka.producer();

  async function run(program: 'dlq' | 'ops', args: string[]): Promise<string> {
    const lines: string[] = [];
    const out = { log: (text: string) => lines.push(text) };
    const command = program === 'dlq' ? dlqProgram(() => kafka, out) : opsProgram(() => kafka, out);
    await command.parseAsync(args, { from: 'user' });
    return lines.join('\n');
  }

  function letter(key: string, group: string, offset: string) {
    return {
      key,
      value: JSON.stringify({ eventId: key }),
      headers: {
        'correlation-id': `c-${key}`,
        [DeadLetterHeaders.reason]: `broken ${key}`,
        [DeadLetterHeaders.originalTopic]: topic,
        [DeadLetterHeaders.originalPartition]: '0',
        [DeadLetterHeaders.originalOffset]: offset,
        [DeadLetterHeaders.consumerGroup]: group,
        [DeadLetterHeaders.failedAt]: '2026-12-03T08:15:00.000Z',
        'dlq-attempts': '5',
      },
    };
  }

  beforeAll(async () => {
    await admin.connect();
    await producer.connect();
    await admin.createTopics({
      waitForLeaders: true,
      topics: [
        { topic, numPartitions: 1 },
        { topic: dlq, numPartitions: 1 },
      ],
    });
    await producer.send({
      topic: dlq,
      acks: -1,
      messages: [letter('A-1', 'power', '3'), letter('A-2', 'water', '4')],
    });
  });

  afterAll(async () => {
    await producer.disconnect();
    await admin.deleteTopics({ topics: [topic, dlq] }).catch(() => undefined);
    await admin.disconnect();
  });

  it('lists the dead letters with why and where from', async () => {
    const output = await run('dlq', ['list', topic]);

    expect(output).toMatch(/^PARTITION\s+OFFSET\s+KEY\s+ORIGIN\s+GROUP/);
    expect(output).toContain(`A-1  ${topic}:0:3  power`);
    expect(output).toContain('broken A-2');
    expect(output).toContain('{"eventId":"A-1"}');
  });

  it('replays a group’s letters once, without dlq headers, saying where from', async () => {
    const dry = await run('dlq', ['replay', topic, '--group', 'power', '--dry-run']);
    expect(dry).toContain('would replay 1 dead letter(s)');

    const first = await run('dlq', ['replay', topic, '--group', 'power']);
    const second = await run('dlq', ['replay', topic, '--group', 'power']);

    expect(first).toContain(`replayed ${dlq}:0:0 -> ${topic} key=A-1`);
    expect(first).toContain('skipped 1 of other groups');
    expect(second).toContain('replayed 0 dead letter(s)');
    const [end] = await admin.fetchTopicOffsets(topic);
    expect(end.high).toBe('1');
    const replayed = await readOne(kafka, topic);
    expect(replayed.key?.toString()).toBe('A-1');
    expect(replayed.headers?.['dlq-replayed-from']?.toString()).toBe(`${dlq}:0:0`);
    expect(replayed.headers?.['correlation-id']?.toString()).toBe('c-A-1');
    expect(Object.keys(replayed.headers ?? {}).filter((h) => h.startsWith('dlq-'))).toEqual([
      'dlq-replayed-from',
    ]);
  });

  it('prints each group’s lag per partition', async () => {
    const group = unique('ops-lag-group');
    await admin.setOffsets({
      groupId: group,
      topic: dlq,
      partitions: [{ partition: 0, offset: '1' }],
    });

    const output = await run('ops', ['lag', '--group', group]);

    expect(output.split('\n')).toEqual([
      expect.stringMatching(/^GROUP\s+TOPIC\s+PARTITION\s+CURRENT-OFFSET\s+LOG-END-OFFSET\s+LAG$/),
      expect.stringMatching(
        new RegExp(`^${group}\\s+${dlq.replace(/\./g, '\\.')}\\s+0\\s+1\\s+2\\s+1$`),
      ),
    ]);
  });
});

async function readOne(kafka: Kafka, topic: string) {
  const consumer = kafka.consumer({ groupId: unique('ops-test-reader') });
  const messages: import('kafkajs').KafkaMessage[] = [];
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: ({ message }) => Promise.resolve(void messages.push(message)),
  });
  await waitFor('the replayed message', () => Promise.resolve(messages.length > 0));
  await consumer.disconnect();
  return messages[0];
}
