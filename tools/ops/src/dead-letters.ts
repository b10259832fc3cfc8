import { Admin, IHeaders, Kafka, KafkaMessage, Partitioners } from 'kafkajs';

import { DeadLetterHeaders } from '@joint/contracts';
import {
  DEAD_LETTER_ATTEMPTS_HEADER,
  DEAD_LETTER_HEADER_PREFIX,
  DEAD_LETTER_REPLAYED_FROM_HEADER,
} from '@joint/messaging';

const PREVIEW_CHARS = 80;
/** How long a read waits for the next message once it has reached the end it saw at start. */
const IDLE_MS = 2_000;

/** One message of a `<topic>.dlq`, with what its headers say. */
export interface DeadLetter {
  dlqTopic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: Buffer | null;
  headers: IHeaders;
  reason: string;
  originalTopic: string;
  originalPartition: string;
  originalOffset: string;
  group: string;
  failedAt: string;
  attempts: string;
}

export function dlqTopicOf(topic: string): string {
  return topic.endsWith('.dlq') ? topic : `${topic}.dlq`;
}

export function headerText(headers: IHeaders | undefined, name: string): string {
  const value = headers?.[name];
  if (value === undefined) return '';
  return (Array.isArray(value) ? value[0] : value)?.toString() ?? '';
}

export function toDeadLetter(
  dlqTopic: string,
  partition: number,
  message: KafkaMessage,
): DeadLetter {
  const headers = message.headers ?? {};
  const text = (name: string) => headerText(headers, name);
  return {
    dlqTopic,
    partition,
    offset: message.offset,
    key: message.key?.toString() ?? null,
    value: message.value,
    headers,
    reason: text(DeadLetterHeaders.reason),
    originalTopic: text(DeadLetterHeaders.originalTopic),
    originalPartition: text(DeadLetterHeaders.originalPartition),
    originalOffset: text(DeadLetterHeaders.originalOffset),
    group: text(DeadLetterHeaders.consumerGroup),
    failedAt: text(DeadLetterHeaders.failedAt),
    attempts: text(DEAD_LETTER_ATTEMPTS_HEADER) || '1',
  };
}

export function preview(value: Buffer | null, chars = PREVIEW_CHARS): string {
  if (!value) return '(null)';
  const text = value.toString('utf8').replace(/\s+/g, ' ');
  return text.length > chars ? `${text.slice(0, chars - 1)}…` : text;
}

/** The message a replay puts back: the original headers without dlq-*, plus where it came from. */
export function toReplayMessage(letter: DeadLetter): {
  key: string | null;
  value: Buffer | null;
  headers: IHeaders;
} {
  const headers: IHeaders = {};
  for (const [name, value] of Object.entries(letter.headers)) {
    if (!name.startsWith(DEAD_LETTER_HEADER_PREFIX) && value !== undefined) headers[name] = value;
  }
  headers[DEAD_LETTER_REPLAYED_FROM_HEADER] =
    `${letter.dlqTopic}:${letter.partition}:${letter.offset}`;
  return { key: letter.key, value: letter.value, headers };
}

export function matchesGroup(letter: DeadLetter, group: string | undefined): boolean {
  return group === undefined || letter.group === group;
}

/** Reads a dead-letter topic from the beginning in a throw-away group that commits nothing. */
export async function readAll(kafka: Kafka, dlqTopic: string): Promise<DeadLetter[]> {
  const ends = await pendingEnds(kafka, dlqTopic);
  const groupId = `dlq-lister-${process.pid}-${Date.now()}`;
  return consumeUntil(kafka, { groupId, topic: dlqTopic, ends, commit: false });
}

interface ReadPlan {
  groupId: string;
  topic: string;
  /** The partitions to read and the end offset to read each up to. */
  ends: Map<number, bigint>;
  /** Commit after every message, so a second run starts after it. */
  commit: boolean;
}

/** Reads until every planned partition reaches its end, or nothing has come for a while. */
export async function consumeUntil(
  kafka: Kafka,
  plan: ReadPlan,
  onLetter: (letter: DeadLetter) => Promise<void> = () => Promise.resolve(),
): Promise<DeadLetter[]> {
  if (plan.ends.size === 0) return [];
  const consumer = kafka.consumer({ groupId: plan.groupId, allowAutoTopicCreation: false });
  const letters: DeadLetter[] = [];
  const next = new Map<number, bigint>();
  let lastSeenAt = Date.now();
  const done = () => [...plan.ends].every(([p, end]) => (next.get(p) ?? -1n) >= end);
  await consumer.connect();
  try {
    await consumer.subscribe({ topic: plan.topic, fromBeginning: true });
    await consumer.run({
      autoCommit: plan.commit,
      autoCommitThreshold: 1,
      eachMessage: async ({ partition, message }) => {
        const letter = toDeadLetter(plan.topic, partition, message);
        await onLetter(letter);
        letters.push(letter);
        next.set(partition, BigInt(message.offset) + 1n);
        lastSeenAt = Date.now();
      },
    });
    while (!done() && Date.now() - lastSeenAt < IDLE_MS * 5) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    await consumer.disconnect();
  }
  return letters.sort((a, b) => a.partition - b.partition || Number(a.offset) - Number(b.offset));
}

/**
 * The partitions holding messages past `groupId`'s committed offset (all messages without a
 * group), each with its end offset now.
 */
export async function pendingEnds(
  kafka: Kafka,
  topic: string,
  groupId?: string,
): Promise<Map<number, bigint>> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    const committed = groupId
      ? await committedOffsets(admin, groupId, topic)
      : new Map<number, bigint>();
    const pending = new Map<number, bigint>();
    for (const { partition, low, high } of offsets) {
      const from = committed.get(partition) ?? BigInt(low);
      if (BigInt(high) > from) pending.set(partition, BigInt(high));
    }
    return pending;
  } finally {
    await admin.disconnect();
  }
}

async function committedOffsets(
  admin: Admin,
  groupId: string,
  topic: string,
): Promise<Map<number, bigint>> {
  const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
  const entries = committed.partitions
    .filter((p) => BigInt(p.offset) >= 0n)
    .map((p): [number, bigint] => [p.partition, BigInt(p.offset)]);
  return new Map(entries);
}

export interface ReplayOptions {
  group?: string;
  dryRun?: boolean;
}

export interface ReplayResult {
  replayed: DeadLetter[];
  skipped: DeadLetter[];
}

/**
 * Puts each dead letter of `topic` back on its original topic, once: the replayer reads in a
 * consumer group of its own (`dlq-replayer-<topic>`) and commits as it goes, so a second replay
 * only sends letters that arrived since. A dry run reads without committing.
 */
export async function replay(
  kafka: Kafka,
  topic: string,
  options: ReplayOptions,
): Promise<ReplayResult> {
  const dlqTopic = dlqTopicOf(topic);
  const result: ReplayResult = { replayed: [], skipped: [] };
  if (options.dryRun) {
    const letters = await unreplayed(kafka, dlqTopic, replayerGroup(dlqTopic, options.group));
    for (const letter of letters) {
      (matchesGroup(letter, options.group) ? result.replayed : result.skipped).push(letter);
    }
    return result;
  }

  const producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await producer.connect();
  try {
    const groupId = replayerGroup(dlqTopic, options.group);
    const ends = await pendingEnds(kafka, dlqTopic, groupId);
    await consumeUntil(kafka, { groupId, topic: dlqTopic, ends, commit: true }, async (letter) => {
      if (!matchesGroup(letter, options.group)) return void result.skipped.push(letter);
      const target = letter.originalTopic || topic.replace(/\.dlq$/, '');
      await producer.send({ topic: target, acks: -1, messages: [toReplayMessage(letter)] });
      result.replayed.push(letter);
    });
  } finally {
    await producer.disconnect();
  }
  return result;
}

/**
 * `dlq-replayer-<topic>`; a replay restricted to one group keeps its own position
 * (`dlq-replayer-<topic>.<group>`), so it does not pass over the other groups' letters.
 */
export function replayerGroup(dlqTopic: string, group?: string): string {
  const base = `dlq-replayer-${dlqTopic.replace(/\.dlq$/, '')}`;
  return group === undefined ? base : `${base}.${group}`;
}

/** The letters the replayer group has not passed yet, read without committing. */
async function unreplayed(kafka: Kafka, dlqTopic: string, groupId: string): Promise<DeadLetter[]> {
  const ends = await pendingEnds(kafka, dlqTopic, groupId);
  const all = await readAll(kafka, dlqTopic);
  const admin = kafka.admin();
  await admin.connect();
  const from = await committedOffsets(admin, groupId, dlqTopic).finally(() => admin.disconnect());
  return all.filter(
    (l) => ends.has(l.partition) && BigInt(l.offset) >= (from.get(l.partition) ?? 0n),
  );
}
