import { EventEnvelope } from '@joint/contracts';

/** What a log line about one event carries, so it can be found by application and traced. */
export interface EventLogFields {
  applicationNo: string;
  correlationId: string;
  eventId: string;
}

/**
 * A handler takes a batch of events from many requests, so no single context is in force while
 * it runs: each line it writes about one event names that event's ids itself.
 */
export function eventLogFields(event: EventEnvelope): EventLogFields {
  const { applicationNo, correlationId, eventId } = event;
  return { applicationNo, correlationId, eventId };
}
