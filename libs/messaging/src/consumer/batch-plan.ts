import { KafkaMessage } from 'kafkajs';

import { Topic, TopicEvents, validateEvent } from '@joint/contracts';

export interface ReceivedEvent<T extends Topic> {
  event: TopicEvents[T];
  offset: string;
}

export interface RejectedMessage {
  message: KafkaMessage;
  reason: string;
}

/** A chunk's messages split into the events to apply and the messages for the dead letters. */
export interface SortedMessages<T extends Topic> {
  events: ReceivedEvent<T>[];
  rejected: RejectedMessage[];
}

export function sortMessages<T extends Topic>(
  topic: T,
  messages: readonly KafkaMessage[],
): SortedMessages<T> {
  const sorted: SortedMessages<T> = { events: [], rejected: [] };
  for (const message of messages) {
    const check = validateEvent(topic, message.value);
    if (check.ok) sorted.events.push({ event: check.event, offset: message.offset });
    else sorted.rejected.push({ message, reason: check.reason });
  }
  return sorted;
}

/** Keeps the first delivery of each event id; a producer retry can repeat one in a batch. */
export function dropRepeats<T extends Topic>(
  events: readonly ReceivedEvent<T>[],
): { unique: ReceivedEvent<T>[]; repeats: number } {
  const seen = new Set<string>();
  const unique = events.filter(({ event }) => {
    const id = normalizeEventId(event.eventId);
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
  return { unique, repeats: events.length - unique.length };
}

/** PostgreSQL hands uuids back in lower case; compare them that way. */
export function normalizeEventId(eventId: string): string {
  return eventId.toLowerCase();
}

export function chunksOf<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) {
    chunks.push(items.slice(start, start + size));
  }
  return chunks;
}
