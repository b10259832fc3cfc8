/**
 * Every Kafka topic of the system. No app writes a topic name as a bare
 * string: it takes it from here.
 */
export const Topics = {
  applicationsAccepted: 'applications.accepted',
  applicationsWithdrawn: 'applications.withdrawn',
  utilityProgress: 'utility.progress',
  permitsProgress: 'permits.progress',
} as const;

export type Topic = (typeof Topics)[keyof typeof Topics];

export const ALL_TOPICS: readonly Topic[] = Object.values(Topics);

/** The dead-letter topic that takes what could not be handled from `topic`. */
export function deadLetterTopicOf(topic: Topic): `${Topic}.dlq` {
  return `${topic}.dlq`;
}

/** Headers set on every dead letter, so an operator sees why and where from. */
export const DeadLetterHeaders = {
  reason: 'dlq-reason',
  originalTopic: 'dlq-original-topic',
  originalPartition: 'dlq-original-partition',
  originalOffset: 'dlq-original-offset',
  consumerGroup: 'dlq-consumer-group',
  failedAt: 'dlq-failed-at',
} as const;

/** Headers set on every event message. */
export const EventHeaders = {
  eventType: 'event-type',
  eventVersion: 'event-version',
  correlationId: 'correlation-id',
} as const;
