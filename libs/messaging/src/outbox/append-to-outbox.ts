import { EntityManager } from 'typeorm';

import { EventEnvelope, EventHeaders, Topic, TopicEvents } from '@joint/contracts';

import { MessagingError, MessagingErrorCode } from '../messaging.error';
import { OutboxMessage } from './outbox-message.entity';

/** The channel the relay listens on; the notification is sent when the writer commits. */
export const OUTBOX_CHANNEL = 'outbox';

/** An event and the topic that carries it; the type follows the topic. */
export type OutboxEntry = { [T in Topic]: { topic: T; event: TopicEvents[T] } }[Topic];

/**
 * Stages events for publication in the caller's transaction, so the state change and the
 * events it owes commit together or not at all. Each event is keyed by its application number,
 * which keeps one application's events in order on one partition.
 */
export async function appendToOutbox(
  manager: EntityManager,
  entries: readonly OutboxEntry[],
): Promise<void> {
  if (!manager.queryRunner?.isTransactionActive) {
    throw new MessagingError(
      MessagingErrorCode.NotInTransaction,
      'appendToOutbox needs the EntityManager of an open transaction',
    );
  }
  if (entries.length === 0) return;

  await manager.insert(OutboxMessage, entries.map(toOutboxRow));
  // Delivered only at commit, and once per transaction however many rows it wrote.
  await manager.query('SELECT pg_notify($1, $2)', [OUTBOX_CHANNEL, '']);
}

function toOutboxRow({ topic, event }: OutboxEntry): Partial<OutboxMessage> {
  return {
    topic,
    messageKey: event.applicationNo,
    payload: { ...event },
    headers: headersOf(event),
  };
}

/** The headers every event message carries, so tools can route it without parsing it. */
export function headersOf(event: EventEnvelope): Record<string, string> {
  return {
    [EventHeaders.eventType]: event.type,
    [EventHeaders.eventVersion]: String(event.version),
    [EventHeaders.correlationId]: event.correlationId,
  };
}
