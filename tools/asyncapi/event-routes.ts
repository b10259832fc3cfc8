import { ClassConstructor } from 'class-transformer';

import {
  ALL_TOPICS,
  ApplicationAccepted,
  ApplicationWithdrawn,
  PermitProgressed,
  Producer,
  ServiceProgressed,
  Topic,
  TopicEvents,
  Topics,
} from '@joint/contracts';

/** The class of the event each topic carries; a new topic fails to compile until it is here. */
export const EVENT_CLASSES: { [T in Topic]: ClassConstructor<TopicEvents[T]> } = {
  [Topics.applicationsAccepted]: ApplicationAccepted,
  [Topics.applicationsWithdrawn]: ApplicationWithdrawn,
  [Topics.utilityProgress]: ServiceProgressed,
  [Topics.permitsProgress]: PermitProgressed,
};

export const TOPICS_IN_ORDER: readonly Topic[] = ALL_TOPICS;

/** The consumer groups, named before the `KAFKA_GROUP_PREFIX` a deployment puts in front. */
export const CONSUMER_GROUPS = ['power', 'water', 'gas', 'permits', 'intake-progress'] as const;
export type ConsumerGroup = (typeof CONSUMER_GROUPS)[number];

export interface TopicRoute {
  producers: readonly Producer[];
  consumers: readonly ConsumerGroup[];
}

/**
 * Who sends and who reads each topic. The handlers register themselves with the consumer when
 * their Nest module starts, so this is read off them by hand: keep it beside any new handler.
 */
export const TOPIC_ROUTES: { [T in Topic]: TopicRoute } = {
  [Topics.applicationsAccepted]: {
    producers: ['intake'],
    consumers: ['power', 'water', 'gas', 'permits'],
  },
  [Topics.applicationsWithdrawn]: {
    producers: ['intake'],
    consumers: ['power', 'water', 'gas', 'permits'],
  },
  [Topics.utilityProgress]: {
    producers: ['power', 'water', 'gas'],
    consumers: ['permits', 'intake-progress'],
  },
  [Topics.permitsProgress]: {
    producers: ['permits'],
    consumers: ['power', 'water', 'gas', 'intake-progress'],
  },
};
