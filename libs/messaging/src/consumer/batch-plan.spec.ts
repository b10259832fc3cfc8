import { KafkaMessage } from 'kafkajs';

import { Topics } from '@joint/contracts';

import { serviceProgressed } from '../../test/messaging-test-kit';
import { chunksOf, dropRepeats, sortMessages } from './batch-plan';

function message(offset: number, value: string): KafkaMessage {
  return {
    key: Buffer.from('k'),
    value: Buffer.from(value),
    offset: String(offset),
    timestamp: '0',
    attributes: 0,
    size: 0,
  };
}

describe('sortMessages', () => {
  it('keeps valid events in order and rejects the rest with a reason', () => {
    const first = serviceProgressed('A-1');
    const second = serviceProgressed('A-1');
    const messages = [
      message(0, JSON.stringify(first)),
      message(1, 'nope'),
      message(2, JSON.stringify(second)),
    ];

    const sorted = sortMessages(Topics.utilityProgress, messages);

    expect(sorted.events.map((e) => [e.offset, e.event.eventId])).toEqual([
      ['0', first.eventId],
      ['2', second.eventId],
    ]);
    expect(sorted.rejected).toHaveLength(1);
    expect(sorted.rejected[0].message.offset).toBe('1');
    expect(sorted.rejected[0].reason).toMatch(/not JSON/);
  });
});

describe('dropRepeats', () => {
  it('keeps the first delivery of each event id, ignoring case', () => {
    const event = serviceProgressed('A-1');
    const shouted = { ...event, eventId: event.eventId.toUpperCase() };
    const other = serviceProgressed('A-1');

    const { unique, repeats } = dropRepeats([
      { event, offset: '0' },
      { event: other, offset: '1' },
      { event: shouted, offset: '2' },
    ]);

    expect(unique.map((e) => e.offset)).toEqual(['0', '1']);
    expect(repeats).toBe(1);
  });
});

describe('chunksOf', () => {
  it('splits in order with a shorter last chunk', () => {
    expect(chunksOf([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunksOf([], 2)).toEqual([]);
  });
});
