import { Logger } from '@nestjs/common';
import { backOff } from 'exponential-backoff';
import { EachBatchPayload, KafkaMessage, Producer } from 'kafkajs';
import { DataSource, EntityManager } from 'typeorm';

import { AnyEvent, deadLetterTopicOf, Topic, validateEvent } from '@joint/contracts';
import { withLogContext } from '@joint/log-context';

import {
  deadLettersTotal,
  eventHandlingSeconds,
  eventsAppliedTotal,
  eventsDuplicateTotal,
} from '../metrics/messaging-metrics';
import { ConsumerSettings } from '../module/messaging-options';
import {
  chunksOf,
  dropRepeats,
  normalizeEventId,
  ReceivedEvent,
  RejectedMessage,
  sortMessages,
} from './batch-plan';
import { FailedMessage, toDeadLetter } from './dead-letter';
import { BatchOutcome, EventHandler } from './event-handler';
import { EventLogFields, eventLogFields } from './event-log-fields';
import { errorMessage, isInfrastructureFailure } from './failure-kind';

const PROBE_TIMEOUT_MS = 3_000;

type ChunkOutcome = Pick<BatchOutcome, 'applied' | 'duplicates' | 'deadLettered'>;

/** Where a batch is: which partition, which offsets; every log line of it carries this. */
interface BatchPlace {
  groupId: string;
  topic: Topic;
  partition: number;
  firstOffset: string;
  lastOffset: string;
}

/** What a retried piece of work came to: done, given up on (with the last error), or stopped. */
type Tried<T> =
  { kind: 'done'; value: T } | { kind: 'failed'; error: unknown } | { kind: 'stopped' };

/** Decides after a failure: try again (`retry`) or give up (`give-up`). */
type Verdict = 'retry' | 'give-up';

export interface BatchHandlerDeps {
  dataSource: DataSource;
  handlers: ReadonlyMap<Topic, EventHandler<Topic>>;
  settings: ConsumerSettings;
  groupId: string;
  deadLetters: () => Producer;
}

/**
 * Handles one partition's batch without ever throwing to kafkajs, which would restart the
 * consumer and rejoin the group. A chunk whose transaction fails is retried for as long as the
 * database does not answer; when it does answer, the chunk holds a poison event, so its events
 * are tried one by one and the one that keeps failing goes to the dead letters. An offset is
 * resolved only once its message is applied, a duplicate, or dead-lettered.
 */
export class BatchHandler {
  private readonly logger = new Logger(BatchHandler.name);

  constructor(private readonly deps: BatchHandlerDeps) {}

  async handle(payload: EachBatchPayload): Promise<BatchOutcome> {
    const { batch } = payload;
    const place = this.placeOf(payload);
    const outcome: BatchOutcome = { ...place, applied: 0, duplicates: 0, deadLettered: 0 };

    const heartbeats = this.keepMembership(payload, place);
    try {
      for (const messages of chunksOf(batch.messages, this.deps.settings.chunkSize)) {
        if (!isActive(payload)) break;

        const done = await this.timed(place, () => this.handleChunk(payload, place, messages));
        if (!done) break;
        addTo(outcome, done);
        const last = messages[messages.length - 1].offset;
        payload.resolveOffset(last);
        await payload.heartbeat();
      }
      await this.commit(payload);
    } finally {
      clearInterval(heartbeats);
    }

    this.countOutcome(place, outcome);
    if (batch.messages.length > 0) this.logger.log({ ...outcome }, 'batch handled');
    return outcome;
  }

  private placeOf({ batch }: EachBatchPayload): BatchPlace {
    return {
      groupId: this.deps.groupId,
      topic: batch.topic as Topic,
      partition: batch.partition,
      firstOffset: batch.firstOffset() ?? '',
      lastOffset: batch.lastOffset(),
    };
  }

  /**
   * kafkajs heartbeats only between batches; a handler slower than the session timeout would be
   * thrown out of the group and handed the same batch again. kafkajs throttles `heartbeat()` to
   * the heartbeat interval, so calling it on a timer is cheap.
   */
  private keepMembership(payload: EachBatchPayload, place: BatchPlace): NodeJS.Timeout {
    return setInterval(() => {
      payload.heartbeat().catch((error: unknown) => {
        this.logger.debug({ ...place, error: errorMessage(error) }, 'heartbeat failed');
      });
    }, this.deps.settings.heartbeatIntervalMs);
  }

  /** A stopping consumer commits what it resolved at once: kafkajs does not commit at stop. */
  private async commit(payload: EachBatchPayload): Promise<void> {
    if (payload.isRunning()) await payload.commitOffsetsIfNecessary();
    else await payload.commitOffsetsIfNecessary(payload.uncommittedOffsets());
  }

  private async timed<T>(place: BatchPlace, work: () => Promise<T>): Promise<T> {
    const end = eventHandlingSeconds.startTimer({ topic: place.topic, group: place.groupId });
    try {
      return await work();
    } finally {
      end();
    }
  }

  private countOutcome(place: BatchPlace, outcome: BatchOutcome): void {
    const labels = { topic: place.topic, group: place.groupId };
    if (outcome.applied > 0) eventsAppliedTotal.inc(labels, outcome.applied);
    if (outcome.duplicates > 0) eventsDuplicateTotal.inc(labels, outcome.duplicates);
  }

  /** Undefined when the consumer stopped before the chunk was done: nothing may be resolved. */
  private async handleChunk(
    payload: EachBatchPayload,
    batchPlace: BatchPlace,
    messages: KafkaMessage[],
  ): Promise<ChunkOutcome | undefined> {
    const place = chunkPlace(batchPlace, messages);
    const { events, rejected } = sortMessages(place.topic, messages);
    const { unique, repeats } = dropRepeats(events);

    const tried = await this.retrying(
      payload,
      () => this.applyOnce(place, unique),
      (error, n) => this.whileDatabaseDown(error, { ...place, attempt: n }),
    );
    if (tried.kind === 'stopped') return undefined;
    if (tried.kind === 'failed') {
      this.logger.warn(
        { ...place, error: errorMessage(tried.error) },
        'chunk failed with the database up, trying its events one by one',
      );
      return this.handleOneByOne(payload, place, messages);
    }

    const sent = await this.sendToDeadLetters(payload, place, rejected.map(neverValid));
    if (!sent) return undefined;
    const applied = tried.value;
    return {
      applied,
      duplicates: repeats + unique.length - applied,
      deadLettered: rejected.length,
    };
  }

  /**
   * The slow path for a chunk with a poison event: each message in its own transaction, its
   * offset resolved as soon as it is applied or dead-lettered, so a stop keeps that progress.
   */
  private async handleOneByOne(
    payload: EachBatchPayload,
    place: BatchPlace,
    messages: KafkaMessage[],
  ): Promise<ChunkOutcome | undefined> {
    const outcome: ChunkOutcome = { applied: 0, duplicates: 0, deadLettered: 0 };
    const seen = new Set<string>();
    for (const message of messages) {
      if (!isActive(payload)) return undefined;

      const done = await this.handleOne(payload, place, message, seen);
      if (!done) return undefined;
      addTo(outcome, done);
      payload.resolveOffset(message.offset);
    }
    return outcome;
  }

  private async handleOne(
    payload: EachBatchPayload,
    place: BatchPlace,
    message: KafkaMessage,
    seen: Set<string>,
  ): Promise<ChunkOutcome | undefined> {
    const check = validateEvent(place.topic, message.value);
    if (!check.ok) {
      const sent = await this.sendToDeadLetters(payload, place, [
        neverValid({ message, reason: check.reason }),
      ]);
      return sent ? { applied: 0, duplicates: 0, deadLettered: 1 } : undefined;
    }

    const id = normalizeEventId(check.event.eventId);
    if (seen.has(id)) return { applied: 0, duplicates: 1, deadLettered: 0 };
    seen.add(id);

    const { correlationId, applicationNo } = check.event;
    return withLogContext({ correlationId, applicationNo }, () =>
      this.applyWithAttempts(
        payload,
        place,
        { event: check.event, offset: message.offset },
        message,
      ),
    );
  }

  /** Up to `maxAttempts` tries while the database answers; then the event goes to the DLQ. */
  private async applyWithAttempts(
    payload: EachBatchPayload,
    place: BatchPlace,
    received: ReceivedEvent<Topic>,
    message: KafkaMessage,
  ): Promise<ChunkOutcome | undefined> {
    const { maxAttempts } = this.deps.settings;
    const context = {
      ...place,
      ...eventLogFields(received.event),
      offset: received.offset,
      maxAttempts,
    };
    let attempts = 0;

    const tried = await this.retrying(
      payload,
      () => this.applyOnce(place, [received]),
      async (error, n) => {
        if ((await this.whileDatabaseDown(error, { ...context, attempt: n })) === 'retry')
          return 'retry';
        attempts += 1;
        this.logger.warn(
          { ...context, attempt: attempts, error: errorMessage(error) },
          'event failed',
        );
        return attempts < maxAttempts ? 'retry' : 'give-up';
      },
    );
    if (tried.kind === 'stopped') return undefined;
    if (tried.kind === 'done') {
      return { applied: tried.value, duplicates: 1 - tried.value, deadLettered: 0 };
    }

    const failed = { message, reason: errorMessage(tried.error), attempts };
    const sent = await this.sendToDeadLetters(
      payload,
      place,
      [failed],
      eventLogFields(received.event),
    );
    return sent ? { applied: 0, duplicates: 0, deadLettered: 1 } : undefined;
  }

  /**
   * Retry while the failure is the database's (it does not answer, or the connection broke);
   * give up when the database answers, which makes the failure the event's.
   */
  private async whileDatabaseDown(error: unknown, context: object): Promise<Verdict> {
    if (!isInfrastructureFailure(error) && (await this.databaseAnswers())) return 'give-up';

    this.logger.warn({ ...context, error: errorMessage(error) }, 'database unavailable, retrying');
    return 'retry';
  }

  private async databaseAnswers(): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), PROBE_TIMEOUT_MS);
    });
    const probe = this.deps.dataSource.query('SELECT 1').then(
      () => true,
      () => false,
    );
    try {
      return await Promise.race([probe, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Runs `work`, and after each failure asks `verdict` whether to try again, waiting an
   * exponentially growing, jittered, capped delay in between. Stops trying when the consumer
   * stops or its batch goes stale.
   */
  private async retrying<T>(
    payload: EachBatchPayload,
    work: () => Promise<T>,
    verdict: (error: unknown, attempt: number) => Verdict | Promise<Verdict>,
  ): Promise<Tried<T>> {
    let stopped = false;
    let lastError: unknown;
    const { retryStartingDelayMs, retryMaxDelayMs } = this.deps.settings;
    try {
      const value = await backOff(
        async () => {
          if (!isActive(payload)) stopped = true;
          if (stopped) throw new Error('consumer stopped');
          return work();
        },
        {
          numOfAttempts: Number.MAX_SAFE_INTEGER,
          startingDelay: retryStartingDelayMs,
          maxDelay: retryMaxDelayMs,
          jitter: 'full',
          retry: async (error: unknown, attempt: number) => {
            stopped ||= !isActive(payload);
            if (stopped) return false;
            lastError = error;
            return (await verdict(error, attempt)) === 'retry';
          },
        },
      );
      return { kind: 'done', value };
    } catch {
      return stopped ? { kind: 'stopped' } : { kind: 'failed', error: lastError };
    }
  }

  /** One transaction: record the events in the inbox, skip those already there, apply the rest. */
  private async applyOnce(place: BatchPlace, received: ReceivedEvent<Topic>[]): Promise<number> {
    if (received.length === 0) return 0;
    const handler = this.deps.handlers.get(place.topic);
    if (!handler) throw new Error(`no handler for ${place.topic}`);

    return this.deps.dataSource.transaction(async (manager) => {
      const fresh = await this.recordInInbox(manager, place, received);
      const events = received
        .filter(({ event }) => fresh.has(normalizeEventId(event.eventId)))
        .map(({ event }): AnyEvent => event);
      if (events.length > 0) await handler.handle(events, manager);
      return events.length;
    });
  }

  /**
   * Inserts inbox rows and returns the event ids that were not there yet. A concurrent insert of
   * the same id (two members during a rebalance) waits for the other commit, then skips it.
   */
  private async recordInInbox(
    manager: EntityManager,
    place: BatchPlace,
    received: ReceivedEvent<Topic>[],
  ): Promise<Set<string>> {
    const rows = await manager.query<{ event_id: string }[]>(
      `INSERT INTO inbox (event_id, consumer_group, topic, partition, "offset")
       SELECT id, $2, $3, $4, o FROM unnest($1::uuid[], $5::bigint[]) AS t(id, o)
       ON CONFLICT ON CONSTRAINT pk_inbox DO NOTHING
       RETURNING event_id`,
      [
        received.map(({ event }) => event.eventId),
        place.groupId,
        place.topic,
        place.partition,
        received.map(({ offset }) => offset),
      ],
    );
    return new Set(rows.map((row) => row.event_id));
  }

  /**
   * Sends to `<topic>.dlq` and waits for every in-sync replica; a broker that is away is waited
   * for (the partition must not move on past a message that is neither applied nor kept).
   * False when the consumer stopped first.
   */
  private async sendToDeadLetters(
    payload: EachBatchPayload,
    place: BatchPlace,
    failed: FailedMessage[],
    ids: Partial<EventLogFields> = {},
  ): Promise<boolean> {
    if (failed.length === 0) return true;
    const source = { topic: place.topic, partition: place.partition, groupId: place.groupId };
    const failedAt = new Date();
    const messages = failed.map((f) => toDeadLetter(f, source, failedAt));

    const tried = await this.retrying(
      payload,
      () =>
        this.deps.deadLetters().send({ topic: deadLetterTopicOf(place.topic), acks: -1, messages }),
      (error, attempt) => {
        this.logger.warn(
          { ...place, attempt, error: errorMessage(error) },
          'dead letter not sent, retrying',
        );
        return 'retry';
      },
    );
    if (tried.kind !== 'done') return false;

    deadLettersTotal.inc({ topic: place.topic, group: place.groupId }, failed.length);
    for (const { message, reason, attempts } of failed) {
      const fields = { ...place, ...ids, offset: message.offset, reason, attempts };
      this.logger.warn(fields, 'event dead-lettered');
    }
    return true;
  }
}

function isActive(payload: EachBatchPayload): boolean {
  return payload.isRunning() && !payload.isStale();
}

function chunkPlace(place: BatchPlace, messages: KafkaMessage[]): BatchPlace {
  return {
    ...place,
    firstOffset: messages[0].offset,
    lastOffset: messages[messages.length - 1].offset,
  };
}

/** A message that was never a valid event: one look was all it needed. */
function neverValid(rejected: RejectedMessage): FailedMessage {
  return { ...rejected, attempts: 1 };
}

function addTo(total: ChunkOutcome, part: ChunkOutcome): void {
  total.applied += part.applied;
  total.duplicates += part.duplicates;
  total.deadLettered += part.deadLettered;
}
