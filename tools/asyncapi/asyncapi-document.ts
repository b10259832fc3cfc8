import {
  CURRENT_VERSION,
  DeadLetterHeaders,
  deadLetterTopicOf,
  EventHeaders,
  eventTypeOf,
  Topic,
} from '@joint/contracts';

import { contractSchemas } from './contract-schemas';
import { EVENT_CLASSES, TOPIC_ROUTES, TOPICS_IN_ORDER } from './event-routes';
import { JsonSchema, refTo } from './json-schema';

/** The Kafka bindings' version the document is written against. */
const KAFKA_BINDING = '0.5.0';

type Section = Record<string, unknown>;

/**
 * The AsyncAPI 3 document of every topic, its dead-letter topic and its events, built from
 * libs/contracts: what the ops team's Kafka tools and a utility's own systems read.
 */
export function buildAsyncApiDocument(version: string): Section {
  const channels: Section = {};
  const operations: Section = {};
  const messages: Section = {};
  for (const topic of TOPICS_IN_ORDER) {
    Object.assign(channels, channelsOf(topic));
    Object.assign(operations, operationsOf(topic));
    Object.assign(messages, messagesOf(topic));
  }

  return {
    asyncapi: '3.1.0',
    info: infoOf(version),
    defaultContentType: 'application/json',
    servers: {
      kafka: {
        host: 'localhost:9092',
        protocol: 'kafka',
        description: 'The brokers in `KAFKA_BROKERS` (comma-separated); 9092 by default.',
      },
    },
    channels,
    operations,
    components: {
      schemas: { ...contractSchemas(), ...headerSchemas() },
      messages,
    },
  };
}

function infoOf(version: string): Section {
  return {
    title: 'Joint utility connections: events',
    version,
    description: [
      'Every topic and event of the joint power, water and gas connection services.',
      'Generated from libs/contracts by `npm run asyncapi`; do not edit by hand.',
      'Every message is keyed by `applicationNo`, so the events of one application stay in',
      'order. Consumer groups are named here without the `KAFKA_GROUP_PREFIX` a deployment',
      "puts in front. Properties marked `x-personal-data` hold a person's name or phone.",
    ].join('\n'),
  };
}

function idOf(topic: string): string {
  return topic.replace(/[.-](\w)/g, (_, letter: string) => letter.toUpperCase());
}

function messageIdOf(topic: Topic, deadLetter = false): string {
  return deadLetter ? `${eventTypeOf(topic)}DeadLetter` : eventTypeOf(topic);
}

function channelsOf(topic: Topic): Section {
  const dlq = deadLetterTopicOf(topic);
  return {
    [idOf(topic)]: {
      address: topic,
      title: topic,
      description: `${eventTypeOf(topic)}, version ${CURRENT_VERSION}.`,
      messages: { [messageIdOf(topic)]: { $ref: `#/components/messages/${messageIdOf(topic)}` } },
      bindings: { kafka: { topic, bindingVersion: KAFKA_BINDING } },
    },
    [idOf(dlq)]: {
      address: dlq,
      title: dlq,
      description: `What a consumer group could not handle from ${topic}, untouched.`,
      messages: {
        [messageIdOf(topic, true)]: {
          $ref: `#/components/messages/${messageIdOf(topic, true)}`,
        },
      },
      bindings: { kafka: { topic: dlq, bindingVersion: KAFKA_BINDING } },
    },
  };
}

function operationsOf(topic: Topic): Section {
  const { producers, consumers } = TOPIC_ROUTES[topic];
  const dlq = deadLetterTopicOf(topic);
  const operation = (action: 'send' | 'receive', channel: string, message: string) => ({
    action,
    channel: { $ref: `#/channels/${channel}` },
    messages: [{ $ref: `#/channels/${channel}/messages/${message}` }],
  });

  const sends: [string, Section][] = producers.map((producer) => [
    `${producer}Sends${upperFirst(idOf(topic))}`,
    {
      ...operation('send', idOf(topic), messageIdOf(topic)),
      summary: `${producer} publishes ${eventTypeOf(topic)} through its outbox.`,
      'x-service': producer,
    },
  ]);
  const receives: [string, Section][] = consumers.map((group) => [
    `${idOf(group)}Receives${upperFirst(idOf(topic))}`,
    {
      ...operation('receive', idOf(topic), messageIdOf(topic)),
      summary: `The ${group} consumer group reads every ${eventTypeOf(topic)}.`,
      bindings: {
        kafka: { groupId: { type: 'string', const: group }, bindingVersion: KAFKA_BINDING },
      },
    },
  ]);
  const deadLetters: [string, Section][] = consumers.map((group) => [
    `${idOf(group)}Sends${upperFirst(idOf(dlq))}`,
    {
      ...operation('send', idOf(dlq), messageIdOf(topic, true)),
      summary: `The ${group} group sets aside what it cannot handle from ${topic}.`,
    },
  ]);
  return Object.fromEntries([...sends, ...receives, ...deadLetters]);
}

function upperFirst(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function messagesOf(topic: Topic): Section {
  const type = eventTypeOf(topic);
  const common = {
    contentType: 'application/json',
    correlationId: { location: `$message.header#/${EventHeaders.correlationId}` },
    bindings: {
      kafka: {
        key: { type: 'string', description: "The event's `applicationNo`." },
        bindingVersion: KAFKA_BINDING,
      },
    },
  };
  return {
    [messageIdOf(topic)]: {
      name: type,
      title: `${type} v${CURRENT_VERSION}`,
      summary: summaryOf(topic),
      ...common,
      headers: eventHeadersOf(topic),
      payload: refTo(EVENT_CLASSES[topic].name),
    },
    [messageIdOf(topic, true)]: {
      name: `${type}DeadLetter`,
      title: `${type} set aside`,
      summary: `A message from ${topic} that a consumer group could not handle, as it came.`,
      ...common,
      headers: { allOf: [eventHeadersOf(topic, false), refTo('DeadLetterHeaders')] },
      payload: {
        description: `The original value, byte for byte: meant as ${type}, and often not one.`,
        anyOf: [refTo(EVENT_CLASSES[topic].name), {}],
      },
    },
  };
}

function summaryOf(topic: Topic): string {
  const first = EVENT_CLASSES[topic].name;
  return `${first}, published by ${TOPIC_ROUTES[topic].producers.join(', ')}.`;
}

/** The headers every event carries; on a dead letter, whatever the original had, if anything. */
function eventHeadersOf(topic: Topic, asPublished = true): JsonSchema {
  const exactly = (value: string) => (asPublished ? { const: value } : {});
  return {
    type: 'object',
    properties: {
      [EventHeaders.eventType]: { type: 'string', ...exactly(eventTypeOf(topic)) },
      [EventHeaders.eventVersion]: { type: 'string', ...exactly(String(CURRENT_VERSION)) },
      [EventHeaders.correlationId]: {
        type: 'string',
        minLength: 1,
        description: 'Carried from the HTTP request that started it all, through every service.',
      },
    },
    ...(asPublished && { required: Object.values(EventHeaders) }),
  };
}

function headerSchemas(): Record<string, JsonSchema> {
  const digits = { type: 'string', pattern: '^\\d+$' };
  return {
    DeadLetterHeaders: {
      type: 'object',
      description: 'Added to a dead letter, beside the original headers: why and where from.',
      properties: {
        [DeadLetterHeaders.reason]: { type: 'string', description: 'What was wrong, one line.' },
        [DeadLetterHeaders.originalTopic]: { type: 'string' },
        [DeadLetterHeaders.originalPartition]: digits,
        [DeadLetterHeaders.originalOffset]: digits,
        [DeadLetterHeaders.consumerGroup]: {
          type: 'string',
          description: 'The group that set it aside, with its prefix.',
        },
        [DeadLetterHeaders.failedAt]: { type: 'string', format: 'date-time' },
      },
      required: Object.values(DeadLetterHeaders),
    },
  };
}
