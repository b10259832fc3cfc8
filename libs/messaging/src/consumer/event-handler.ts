import { EntityManager } from 'typeorm';

import { Topic, TopicEvents } from '@joint/contracts';

/**
 * Applies new events of one topic inside the consumer's transaction. `events` are valid, not
 * yet applied by this consumer group, and in partition order; write through `manager` so the
 * change commits with the inbox rows. Throw to have the whole batch redelivered.
 */
export interface EventHandler<T extends Topic> {
  handle(events: TopicEvents[T][], manager: EntityManager): Promise<void>;
}

/** What the consumer did with one batch of one partition. */
export interface BatchOutcome {
  topic: Topic;
  partition: number;
  firstOffset: string;
  lastOffset: string;
  applied: number;
  duplicates: number;
  deadLettered: number;
}
