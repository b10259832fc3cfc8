import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import {
  Consumer,
  ConsumerCrashEvent,
  ConsumerGroupJoinEvent,
  Kafka,
  Partitioners,
  Producer,
} from 'kafkajs';
import { DataSource } from 'typeorm';

import { Topic } from '@joint/contracts';

import { KAFKA_CLIENT } from '../kafka/kafka-client.factory';
import { MessagingError, MessagingErrorCode } from '../messaging.error';
import { LagReader } from '../metrics/group-lag';
import { consumerUp, setConsumerLagSource } from '../metrics/messaging-metrics';
import {
  ConsumerSettings,
  consumerSettings,
  MESSAGING_OPTIONS,
  MessagingOptions,
} from '../module/messaging-options';
import { BatchHandler } from './batch-handler';
import { ConsumerProblem, ConsumerWatchdog, RestartBudget } from './consumer-watchdog';
import { EventHandler } from './event-handler';
import { errorMessage } from './failure-kind';

/** kafkajs emits STOP before CRASH when it gives up: how long to wait for the CRASH's why. */
const STOP_GRACE_MS = 1_000;

export interface ConsumerHealth {
  ok: boolean;
  reason?: string;
}

/**
 * The service's one Kafka consumer, in the service's consumer group. Handlers registered in
 * `onModuleInit` receive new, valid events; invalid and poison messages go to `<topic>.dlq`;
 * each event is applied once per group, recorded in the inbox in the same transaction as its
 * effect. A consumer that crashed for good, stopped on its own or was left without partitions
 * is restarted; one that keeps needing it ends the process for its supervisor to restart.
 */
@Injectable()
export class EventConsumer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(EventConsumer.name);
  private readonly handlers = new Map<Topic, EventHandler<Topic>>();
  private readonly settings: ConsumerSettings;
  private readonly watchdog: ConsumerWatchdog;
  private readonly restarts: RestartBudget;
  private consumer?: Consumer;
  private deadLetters?: Producer;
  private joined?: Promise<void>;
  private watchTimer?: NodeJS.Timeout;
  private stopping?: Promise<void>;
  private recovering = false;
  private memberId?: string;
  private lagReader?: LagReader;

  constructor(
    @Inject(KAFKA_CLIENT) private readonly kafka: Kafka,
    private readonly dataSource: DataSource,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {
    this.settings = consumerSettings(options);
    this.watchdog = new ConsumerWatchdog(2 * this.settings.sessionTimeoutMs);
    this.restarts = new RestartBudget(this.settings.maxRestarts, this.settings.restartWindowMs);
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

  /** The current batch finishes and its offsets are committed before the database closes. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  async start(): Promise<void> {
    const groupId = this.options.groupId;
    if (!groupId || this.handlers.size === 0 || this.consumer || this.stopping) return;

    this.deadLetters = this.kafka.producer({
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    await this.deadLetters.connect();
    await this.runConsumer(groupId);
    this.lagReader = new LagReader(this.kafka, groupId, () => this.topics());
    setConsumerLagSource(groupId, () => this.lagReader?.read() ?? Promise.resolve([]));
    this.watchTimer = setInterval(() => this.publishUp(), this.settings.heartbeatIntervalMs);
    this.watchTimer.unref();
    this.logger.log({ groupId, topics: this.topics(), ...this.settings }, 'consumer started');
  }

  /** Stops fetching, lets the batch in hand finish and commit, then lets go of Kafka. */
  stop(): Promise<void> {
    this.stopping ??= this.shutdown();
    return this.stopping;
  }

  /** Resolves once the consumer has joined its group for the first time. */
  async whenJoined(): Promise<void> {
    await this.joined;
  }

  /** For `/health`: whether the consumer consumes, and why not. */
  health(): ConsumerHealth {
    if (!this.consumer || this.stopping) return { ok: true };
    const problem = this.watchdog.problem();
    return problem ? { ok: false, reason: problem.reason } : { ok: true };
  }

  /** The member id of the last join, for tests and logs. */
  get currentMemberId(): string | undefined {
    return this.memberId;
  }

  private topics(): Topic[] {
    return [...this.handlers.keys()];
  }

  private async runConsumer(groupId: string): Promise<void> {
    const { sessionTimeoutMs, heartbeatIntervalMs } = this.settings;
    const consumer = this.kafka.consumer({
      groupId,
      sessionTimeout: sessionTimeoutMs,
      heartbeatInterval: heartbeatIntervalMs,
      allowAutoTopicCreation: false,
    });
    this.consumer = consumer;
    const joined = new Promise<void>((resolve) =>
      consumer.on(consumer.events.GROUP_JOIN, () => resolve()),
    );
    this.joined ??= joined;
    this.observe(consumer);

    const batches = new BatchHandler({
      dataSource: this.dataSource,
      handlers: this.handlers,
      settings: this.settings,
      groupId,
      deadLetters: () => this.producerForDeadLetters(),
    });
    await consumer.connect();
    // A new group starts at the beginning: it must see every event ever published.
    await consumer.subscribe({ topics: this.topics(), fromBeginning: true });
    this.watchdog.started();
    await consumer.run({
      eachBatchAutoResolve: false,
      eachBatch: async (payload) => {
        await batches.handle(payload);
      },
    });
  }

  private observe(consumer: Consumer): void {
    const { events } = consumer;
    const isCurrent = () => this.consumer === consumer;
    consumer.on(events.HEARTBEAT, () => isCurrent() && this.watchdog.active());
    consumer.on(events.FETCH_START, () => isCurrent() && this.watchdog.active());
    consumer.on(events.GROUP_JOIN, (event) => isCurrent() && this.onJoin(event));
    consumer.on(events.CRASH, (event) => isCurrent() && this.onCrash(event));
    consumer.on(events.STOP, () => isCurrent() && this.onStop(consumer));
  }

  private onJoin({ payload }: ConsumerGroupJoinEvent): void {
    this.memberId = payload.memberId;
    this.watchdog.joined();
    const assigned = Object.values(payload.memberAssignment).flat().length;
    this.logger.log(
      { groupId: this.groupId, memberId: payload.memberId, assigned },
      'group joined',
    );
    this.publishUp();
    if (assigned === 0) void this.checkEmptyAssignment();
  }

  private onCrash({ payload }: ConsumerCrashEvent): void {
    const problem = this.watchdog.crashed(errorMessage(payload.error), payload.restart);
    this.logger.error(
      { groupId: this.groupId, error: errorMessage(payload.error), restart: payload.restart },
      'consumer crashed',
    );
    if (problem) void this.recover(problem);
  }

  /** kafkajs also stops the consumer on a crash; only a stop with no crash behind it is ours. */
  private onStop(consumer: Consumer): void {
    if (this.stopping || this.recovering) return;
    setTimeout(() => {
      if (this.consumer !== consumer || this.stopping || this.recovering) return;
      if (this.watchdog.problem()?.kind === 'crashed') return;
      void this.recover(this.watchdog.stoppedUnexpectedly());
    }, STOP_GRACE_MS).unref();
  }

  /**
   * An empty assignment is normal with more members than partitions; alone in the group with
   * partitions to take it is the rejoin bug after a broker outage, and it never heals by itself.
   */
  private async checkEmptyAssignment(): Promise<void> {
    const admin = this.kafka.admin();
    try {
      await admin.connect();
      const metadata = await admin.fetchTopicMetadata({ topics: this.topics() });
      const partitions = metadata.topics.reduce((sum, t) => sum + t.partitions.length, 0);
      const { groups } = await admin.describeGroups([this.groupId ?? '']);
      const members = groups[0]?.members.length ?? 0;
      if (partitions > 0 && members === 1)
        await this.recover(this.watchdog.unassigned(this.topics()));
    } catch (error) {
      this.logger.warn(
        { groupId: this.groupId, error: errorMessage(error) },
        'assignment check failed',
      );
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }

  /** Restarts the consumer, or ends the process when restarting does not help. */
  private async recover(problem: ConsumerProblem): Promise<void> {
    this.publishUp();
    if (this.stopping || this.recovering) return;
    const groupId = this.options.groupId;
    if (!groupId) return;

    if (!this.restarts.take()) {
      this.fail(problem, 'consumer keeps failing, exiting for the supervisor to restart');
      return;
    }
    this.recovering = true;
    this.logger.warn(
      { groupId, problem: problem.kind, reason: problem.reason },
      'restarting consumer',
    );
    try {
      await this.disconnectConsumer();
      if (this.stopping) return;
      await this.runConsumer(groupId);
      this.logger.log({ groupId }, 'consumer restarted');
    } catch (error) {
      this.fail(problem, 'consumer restart failed, exiting', error);
    } finally {
      this.recovering = false;
      this.publishUp();
    }
  }

  private fail(problem: ConsumerProblem, message: string, error?: unknown): void {
    this.logger.error(
      { groupId: this.groupId, reason: problem.reason, error: error && errorMessage(error) },
      message,
    );
    const exit = this.options.exitProcess ?? ((code: number) => process.exit(code));
    exit(1);
  }

  private publishUp(): void {
    if (!this.groupId) return;
    const up = this.consumer && !this.stopping && !this.watchdog.problem() ? 1 : 0;
    consumerUp.set({ group: this.groupId }, up);
  }

  private async disconnectConsumer(): Promise<void> {
    const consumer = this.consumer;
    this.watchdog.stoppedOnPurpose();
    await consumer
      ?.disconnect()
      .catch((error: unknown) =>
        this.logger.warn(
          { groupId: this.groupId, error: errorMessage(error) },
          'consumer disconnect failed',
        ),
      );
  }

  private async shutdown(): Promise<void> {
    clearInterval(this.watchTimer);
    const { consumer, deadLetters } = this;
    await this.disconnectConsumer();
    this.consumer = undefined;
    this.deadLetters = undefined;
    await deadLetters?.disconnect().catch(() => undefined);
    if (this.groupId) setConsumerLagSource(this.groupId, undefined);
    await this.lagReader?.close();
    this.publishUp();
    if (consumer) this.logger.log({ groupId: this.groupId }, 'consumer stopped');
  }

  private producerForDeadLetters(): Producer {
    if (!this.deadLetters)
      throw new MessagingError(MessagingErrorCode.ConsumerNotStarted, 'no producer');
    return this.deadLetters;
  }
}
