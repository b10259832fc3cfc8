import { KafkaMessage } from 'kafkajs';

import { dlqTopicOf, preview, replayerGroup, toDeadLetter, toReplayMessage } from './dead-letters';

function dlqMessage(headers: Record<string, string>): KafkaMessage {
  return {
    key: Buffer.from('APP-1'),
    value: Buffer.from('{"eventId":"e1"}'),
    offset: '7',
    timestamp: '0',
    attributes: 0,
    headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, Buffer.from(v)])),
  };
}

const headers = {
  'dlq-reason': 'cannot apply',
  'dlq-original-topic': 'utility.progress',
  'dlq-original-partition': '2',
  'dlq-original-offset': '41',
  'dlq-consumer-group': 'intake',
  'dlq-failed-at': '2026-12-03T08:15:00.000Z',
  'dlq-attempts': '5',
  'correlation-id': 'c-1',
};

describe('toDeadLetter', () => {
  it('reads why and where from the headers', () => {
    const letter = toDeadLetter('utility.progress.dlq', 0, dlqMessage(headers));

    expect(letter).toMatchObject({
      key: 'APP-1',
      reason: 'cannot apply',
      originalTopic: 'utility.progress',
      originalPartition: '2',
      originalOffset: '41',
      group: 'intake',
      attempts: '5',
    });
  });
});

describe('toReplayMessage', () => {
  it('keeps the original headers, drops dlq-* and says where it was replayed from', () => {
    const letter = toDeadLetter('utility.progress.dlq', 3, dlqMessage(headers));

    const message = toReplayMessage(letter);

    expect(message.key).toBe('APP-1');
    expect(message.value?.toString()).toBe('{"eventId":"e1"}');
    expect(Object.keys(message.headers).sort()).toEqual(['correlation-id', 'dlq-replayed-from']);
    expect(message.headers['dlq-replayed-from']).toBe('utility.progress.dlq:3:7');
  });
});

describe('names and previews', () => {
  it('derives the dlq topic and the replayer group', () => {
    expect(dlqTopicOf('utility.progress')).toBe('utility.progress.dlq');
    expect(dlqTopicOf('utility.progress.dlq')).toBe('utility.progress.dlq');
    expect(replayerGroup('utility.progress.dlq')).toBe('dlq-replayer-utility.progress');
    expect(replayerGroup('utility.progress.dlq', 'intake')).toBe(
      'dlq-replayer-utility.progress.intake',
    );
  });

  it('shortens long values to one line', () => {
    expect(preview(Buffer.from('a\n b'))).toBe('a b');
    expect(preview(Buffer.from('x'.repeat(100)), 10)).toBe('xxxxxxxxx…');
    expect(preview(null)).toBe('(null)');
  });
});
