import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { Consumer, EachBatchPayload, Kafka, KafkaMessage, Partitioners, Producer } from 'kafkajs';
import { DataSource, EntityManager } from 'typeorm';

import { AnyEvent, deadLetterTopicOf, Topic } from '@joint/contracts';

import { KAFKA_CLIENT } from '../kafka/kafka-client.factory';
import { MessagingError, MessagingErrorCode } from '../messaging.error';
import { MESSAGING_OPTIONS, MessagingOptions } from '../module/messaging-options';
import {
  chunksOf,
  dropRepeats,
  normalizeEventId,
  ReceivedEvent,
  RejectedMessage,
  sortMessages,
} from './batch-plan';
import { toDeadLetter } from './dead-letter';
import { BatchOutcome, EventHandler } from './event-handler';

const DEFAULT_CHUNK_SIZE = 200;

type ChunkOutcome = Pick<BatchOutcome, 'applied' | 'duplicates' | 'deadLettered'>;

/**
 * The service's one Kafka consumer, in the service's consumer group. Handlers registered in
 * `onModuleInit` receive new, valid events; invalid messages go to `<topic>.dlq`; each event is
 * applied once per group, recorded in the inbox in the same transaction as its effect.
 */
@Injectable()
export class EventConsumer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(EventConsumer.name);
  private readonly handlers = new Map<Topic, EventHandler<Topic>>();
  private readonly chunkSize: number;
  private consumer?: Consumer;
  private deadLetters?: Producer;
  private joined?: Promise<void>;

  constructor(
    @Inject(KAFKA_CLIENT) private readonly kafka: Kafka,
    private readonly dataSource: DataSource,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {
    this.chunkSize = options.consumerChunkSize ?? DEFAULT_CHUNK_SIZE;
  }

  get groupId(): string | undefined {
    return this.options.groupId;
  }

  /** Call from `onModuleInit`; the consumer subscribes at application bootstrap. */
  register<T extends Topic>(topic: T, handler: EventHandler<T>): void {
    if (!this.options.groupId) {
      throw new MessagingError(MessagingErrorCode.NoConsumerGroup, 'no groupId configured');
    }
    if (this.consumer) {
      throw new MessagingError(MessagingErrorCode.ConsumerAlreadyStarted, `too late for ${topic}`);
    }
    if (this.handlers.has(topic)) {
      throw new MessagingError(MessagingErrorCode.HandlerAlreadyRegistered, `twice for ${topic}`);
    }
    this.handlers.set(topic, handler);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  async start(): Promise<void> {
    const groupId = this.options.groupId;
    if (!groupId || this.handlers.size === 0 || this.consumer) return;

    const topics = [...this.handlers.keys()];
    this.deadLetters = this.kafka.producer({
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    await this.deadLetters.connect();

    const consumer = this.kafka.consumer({
      groupId,
      sessionTimeout: 30_000,
      heartbeatInterval: 3_000,
      allowAutoTopicCreation: false,
    });
    this.consumer = consumer;
    this.joined = new Promise((resolve) =>
      consumer.on(consumer.events.GROUP_JOIN, () => resolve()),
    );
    await consumer.connect();
    // A new group starts at the beginning: it must see every event ever published.
    await consumer.subscribe({ topics, fromBeginning: true });
    await consumer.run({
      eachBatchAutoResolve: false,
      eachBatch: async (payload) => {
        await this.handleBatch(payload);
      },
    });
    this.logger.log({ groupId, topics }, 'consumer started');
  }

  async stop(): Promise<void> {
    const { consumer, deadLetters } = this;
    this.consumer = undefined;
    this.deadLetters = undefined;
    await consumer?.disconnect();
    await deadLetters?.disconnect();
    if (consumer) this.logger.log({ groupId: this.groupId }, 'consumer stopped');
  }

  /** Resolves once the consumer has joined its group and been given partitions. */
  async whenJoined(): Promise<void> {
    await this.joined;
  }

  /**
   * Handles one partition's batch chunk by chunk, resolving each chunk's offsets only after its
   * dead letters are acknowledged and its transaction committed. Throws (so kafkajs fetches the
   * unresolved rest again) when a chunk cannot be applied.
   */
  async handleBatch(payload: EachBatchPayload): Promise<BatchOutcome> {
    const { batch } = payload;
    const topic = batch.topic as Topic;
    const outcome: BatchOutcome = {
      ...{ topic, partition: batch.partition, applied: 0, duplicates: 0, deadLettered: 0 },
      ...{ firstOffset: batch.firstOffset() ?? '', lastOffset: batch.lastOffset() },
    };

    for (const messages of chunksOf(batch.messages, this.chunkSize)) {
      if (!payload.isRunning() || payload.isStale()) break;

      const done = await this.handleChunk(topic, batch.partition, messages);
      outcome.applied += done.applied;
      outcome.duplicates += done.duplicates;
      outcome.deadLettered += done.deadLettered;
      payload.resolveOffset(messages[messages.length - 1].offset);
      await payload.heartbeat();
    }
    await payload.commitOffsetsIfNecessary();

    if (batch.messages.length > 0) this.logger.log({ ...outcome }, 'batch handled');
    return outcome;
  }

  private async handleChunk(
    topic: Topic,
    partition: number,
    messages: KafkaMessage[],
  ): Promise<ChunkOutcome> {
    const context = {
      topic,
      partition,
      firstOffset: messages[0].offset,
      lastOffset: messages[messages.length - 1].offset,
      groupId: this.groupId,
    };
    try {
      const { events, rejected } = sortMessages(topic, messages);
      await this.sendToDeadLetters(topic, partition, rejected);

      const { unique, repeats } = dropRepeats(events);
      const applied = await this.applyOnce(topic, partition, unique);
      return {
        applied,
        duplicates: repeats + unique.length - applied,
        deadLettered: rejected.length,
      };
    } catch (error) {
      this.logger.error({ ...context, error: String(error) }, 'chunk failed, will be redelivered');
      throw error;
    }
  }

  private async sendToDeadLetters(
    topic: Topic,
    partition: number,
    rejected: RejectedMessage[],
  ): Promise<void> {
    if (rejected.length === 0) return;
    const source = { topic, partition, groupId: this.options.groupId ?? '' };
    const failedAt = new Date();
    for (const { message, reason } of rejected) {
      this.logger.warn({ topic, partition, offset: message.offset, reason }, 'event dead-lettered');
    }
    await this.producerForDeadLetters().send({
      topic: deadLetterTopicOf(topic),
      acks: -1,
      messages: rejected.map((r) => toDeadLetter(r, source, failedAt)),
    });
  }

  /** One transaction: record the events in the inbox, skip those already there, apply the rest. */
  private async applyOnce(
    topic: Topic,
    partition: number,
    received: ReceivedEvent<Topic>[],
  ): Promise<number> {
    if (received.length === 0) return 0;
    const handler = this.handlers.get(topic);
    if (!handler) throw new Error(`no handler for ${topic}`);

    return this.dataSource.transaction(async (manager) => {
      const fresh = await this.recordInInbox(manager, topic, partition, received);
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
    topic: Topic,
    partition: number,
    received: ReceivedEvent<Topic>[],
  ): Promise<Set<string>> {
    const rows = await manager.query<{ event_id: string }[]>(
      `INSERT INTO inbox (event_id, consumer_group, topic, partition, "offset")
       SELECT id, $2, $3, $4, o FROM unnest($1::uuid[], $5::bigint[]) AS t(id, o)
       ON CONFLICT ON CONSTRAINT pk_inbox DO NOTHING
       RETURNING event_id`,
      [
        received.map(({ event }) => event.eventId),
        this.options.groupId,
        topic,
        partition,
        received.map(({ offset }) => offset),
      ],
    );
    return new Set(rows.map((row) => row.event_id));
  }

  private producerForDeadLetters(): Producer {
    if (!this.deadLetters) throw new Error('consumer is not started');
    return this.deadLetters;
  }
}
