import { IHeaders, Message } from 'kafkajs';

import { DeadLetterHeaders, Topic } from '@joint/contracts';

import { RejectedMessage } from './batch-plan';

export interface DeadLetterSource {
  topic: Topic;
  partition: number;
  groupId: string;
}

/**
 * The rejected message as it came (key, value, headers) plus headers saying why and from where,
 * so it can be read, fixed and replayed onto the original topic.
 */
export function toDeadLetter(
  { message, reason }: RejectedMessage,
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
  };
  return { key: message.key, value: message.value, headers };
}
