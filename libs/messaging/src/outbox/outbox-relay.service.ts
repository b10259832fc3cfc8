import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { Kafka, Message, Partitioners, Producer, TopicMessages } from 'kafkajs';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';

import { EventConsumer } from '../consumer/event-consumer.service';
import { KAFKA_CLIENT } from '../kafka/kafka-client.factory';
import { setOutboxBacklogSource } from '../metrics/messaging-metrics';
import { MESSAGING_OPTIONS, MessagingOptions } from '../module/messaging-options';
import { OutboxMessage } from './outbox-message.entity';
import { OutboxNotifications } from './outbox-notifications';

const DEFAULT_BATCH_SIZE = 500;
const DEFAULT_POLL_MS = 500;
const MAX_BACKOFF_MS = 30_000;
const SHUTDOWN_FLUSH_MS = 10_000;

export interface OutboxBacklog {
  /** Rows not yet published. */
  count: number;
  /** Age of the oldest of them, 0 when there is none. */
  oldestAgeMs: number;
}

/**
 * Publishes the outbox to Kafka in id order and stamps each row once the broker has it on every
 * in-sync replica. A crash between the two republishes rows, never loses them: consumers
 * skip what their inbox already holds.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly notifications: OutboxNotifications;
  private readonly batchSize: number;
  private readonly pollMs: number;
  private producer?: Producer;
  private running = false;
  private loop?: Promise<void>;
  private cancelBackoff?: () => void;
  /** Rounds of this instance run one at a time; the advisory lock serialises instances. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    @Inject(KAFKA_CLIENT) private readonly kafka: Kafka,
    private readonly dataSource: DataSource,
    @Inject(MESSAGING_OPTIONS) options: MessagingOptions,
    private readonly consumer: EventConsumer,
  ) {
    this.notifications = new OutboxNotifications(dataSource);
    this.batchSize = options.relayBatchSize ?? DEFAULT_BATCH_SIZE;
    this.pollMs = options.relayPollMs ?? DEFAULT_POLL_MS;
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.start();
  }

  /**
   * Nest runs the shutdown hooks of one module side by side; the consumer must finish first, so
   * the events its last batch wrote to the outbox are published by the flush below.
   */
  async beforeApplicationShutdown(): Promise<void> {
    await this.consumer.stop();
    await this.stop();
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    await this.notifications.start();
    this.loop = this.run();
    setOutboxBacklogSource(() => this.backlog());
    this.logger.log({ batchSize: this.batchSize, pollMs: this.pollMs }, 'outbox relay started');
  }

  /** Stops the loop, publishes what is left (bounded in time) and lets go of Kafka. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.notifications.interrupt();
    this.cancelBackoff?.();
    await this.loop;
    await this.flush(SHUTDOWN_FLUSH_MS).catch((error: unknown) =>
      this.logger.warn({ error: String(error) }, 'outbox flush at shutdown failed'),
    );
    await this.notifications.stop();
    await this.disconnectProducer();
    setOutboxBacklogSource(undefined);
    this.logger.log({}, 'outbox relay stopped');
  }

  /**
   * Publishes until the outbox is empty, another instance holds the relay lock, or `timeoutMs`
   * has passed. Returns the number of rows this call published.
   */
  async flush(timeoutMs = SHUTDOWN_FLUSH_MS): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    let total = 0;
    for (;;) {
      const published = await this.exclusive(() => this.publishRound());
      total += published;
      if (published < this.batchSize || Date.now() >= deadline) return total;
    }
  }

  async backlog(): Promise<OutboxBacklog> {
    const row = await this.dataSource
      .createQueryBuilder(OutboxMessage, 'm')
      .select('count(*)::int', 'count')
      .addSelect(
        'coalesce(extract(epoch from now() - min(m.created_at)) * 1000, 0)::float8',
        'oldestAgeMs',
      )
      .where('m.published_at IS NULL')
      .getRawOne<OutboxBacklog>();
    return row ?? { count: 0, oldestAgeMs: 0 };
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (this.running) {
      try {
        const published = await this.exclusive(() => this.publishRound());
        failures = 0;
        if (published < this.batchSize) await this.notifications.next(this.pollMs);
      } catch (error) {
        failures += 1;
        await this.backOff(error, failures);
      }
    }
  }

  /** One round: lock, read the oldest unsent rows, publish them, stamp them, commit. */
  private publishRound(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      if (!(await this.tryRelayLock(manager))) return 0;

      const rows = await manager.find(OutboxMessage, {
        where: { publishedAt: IsNull() },
        order: { id: 'ASC' },
        take: this.batchSize,
      });
      if (rows.length === 0) return 0;

      await this.publish(rows);
      await manager.update(
        OutboxMessage,
        { id: In(rows.map((row) => row.id)) },
        { publishedAt: () => 'now()' },
      );
      return rows.length;
    });
  }

  /**
   * A transaction-scoped lock: it goes with the commit, or with the connection if the process
   * dies, so no relay is ever locked out by a dead one. Advisory locks are per database.
   */
  private async tryRelayLock(manager: EntityManager): Promise<boolean> {
    const [row] = await manager.query<{ locked: boolean }[]>(
      `SELECT pg_try_advisory_xact_lock(hashtext('joint.messaging.outbox-relay')) AS locked`,
    );
    return row.locked;
  }

  private async publish(rows: OutboxMessage[]): Promise<void> {
    const producer = await this.connectedProducer();
    await producer.sendBatch({ acks: -1, topicMessages: groupByTopic(rows) });
  }

  private async connectedProducer(): Promise<Producer> {
    if (this.producer) return this.producer;
    const producer = this.kafka.producer({
      idempotent: true,
      // With one request in flight a retried request cannot overtake the next one.
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
      // Bounded, so a dead broker fails the round (and frees its transaction) instead of
      // retrying inside it for ever; the relay then retries the whole round.
      retry: { retries: 5 },
    });
    await producer.connect();
    this.producer = producer;
    return producer;
  }

  private async disconnectProducer(): Promise<void> {
    const producer = this.producer;
    this.producer = undefined;
    await producer?.disconnect().catch(() => undefined);
  }

  /** Starts the next round with a fresh producer, whose sequence numbers start clean. */
  private async backOff(error: unknown, failures: number): Promise<void> {
    const delayMs = Math.min(MAX_BACKOFF_MS, 250 * 2 ** Math.min(failures, 10));
    this.logger.warn(
      { error: String(error), failures, retryInMs: delayMs },
      'outbox publish failed',
    );
    await this.disconnectProducer();
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, delayMs);
      this.cancelBackoff = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    this.cancelBackoff = undefined;
  }

  private exclusive<T>(task: () => Promise<T>): Promise<T> {
    const result = this.queue.then(task);
    this.queue = result.catch(() => undefined);
    return result;
  }
}

/** One entry per topic, rows kept in id order inside each. */
export function groupByTopic(rows: readonly OutboxMessage[]): TopicMessages[] {
  const byTopic = new Map<string, Message[]>();
  for (const row of rows) {
    const messages = byTopic.get(row.topic) ?? [];
    messages.push({
      key: row.messageKey,
      value: JSON.stringify(row.payload),
      headers: row.headers,
    });
    byTopic.set(row.topic, messages);
  }
  return [...byTopic].map(([topic, messages]) => ({ topic, messages }));
}
