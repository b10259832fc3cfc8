import { OutboxMessage } from '../outbox/outbox-message.entity';
import { groupByTopic } from './outbox-relay.service';

function row(id: number, topic: string): OutboxMessage {
  return Object.assign(new OutboxMessage(), {
    id: String(id),
    topic,
    messageKey: `key-${id}`,
    payload: { id },
    headers: { 'event-type': 'T' },
  });
}

describe('groupByTopic', () => {
  it('groups rows by topic and keeps their order inside each topic', () => {
    const grouped = groupByTopic([row(1, 'a'), row(2, 'b'), row(3, 'a')]);

    expect(grouped.map((g) => [g.topic, g.messages.map((m) => m.key)])).toEqual([
      ['a', ['key-1', 'key-3']],
      ['b', ['key-2']],
    ]);
    expect(grouped[0].messages[0]).toMatchObject({
      value: '{"id":1}',
      headers: { 'event-type': 'T' },
    });
  });
});
