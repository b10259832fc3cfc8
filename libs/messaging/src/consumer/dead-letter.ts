import { IHeaders, Message } from 'kafkajs';

import { DeadLetterHeaders, Topic } from '@joint/contracts';

import { RejectedMessage } from './batch-plan';

/** How many times the consumer tried the message before giving up (1 for one never valid). */
export const DEAD_LETTER_ATTEMPTS_HEADER = 'dlq-attempts';

/** Set by a replay on the message it puts back: `<dlq topic>:<partition>:<offset>`. */
export const DEAD_LETTER_REPLAYED_FROM_HEADER = 'dlq-replayed-from';

/** Every header a dead letter adds starts with this; a replay strips them. */
export const DEAD_LETTER_HEADER_PREFIX = 'dlq-';

export interface DeadLetterSource {
  topic: Topic;
  partition: number;
  groupId: string;
}

/** A message on its way to the dead letters, with why and after how many tries. */
export interface FailedMessage extends RejectedMessage {
  attempts: number;
}

/**
 * The failed message as it came (key, value, headers) plus headers saying why and from where,
 * so it can be read, fixed and replayed onto the original topic.
 */
export function toDeadLetter(
  { message, reason, attempts }: FailedMessage,
  source: DeadLetterSource,
  failedAt: Date,
): Message {
  const headers: IHeaders = {
    ...message.headers,
    [DeadLetterHeaders.reason]: reason,
    [DeadLetterHeaders.originalTopic]: source.topic,
    [DeadLetterHeaders.originalPartition]: String(source.partition),
    [DeadLetterHeaders.originalOffset]: message.offset,
    [DeadLetterHeaders.consumerGroup]: source.groupId,
    [DeadLetterHeaders.failedAt]: failedAt.toISOString(),
    [DEAD_LETTER_ATTEMPTS_HEADER]: String(attempts),
  };
  return { key: message.key, value: message.value, headers };
}
