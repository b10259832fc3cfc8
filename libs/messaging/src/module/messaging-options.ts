import { Producer } from '@joint/contracts';

/** What a service tells the messaging library about itself and its cluster. */
export interface MessagingOptions {
  /** The service that owns this outbox; also the Kafka client id unless `clientId` is set. */
  producer: Producer;
  /** The service's consumer group; omit it in a service that consumes nothing. */
  groupId?: string;
  brokers: string[];
  /** Partitions of every topic this service creates at start-up (default 6). */
  partitions?: number;
  /** Replication factor of every topic this service creates at start-up (default 1). */
  replicationFactor?: number;
  clientId?: string;
  /** Rows the relay publishes per round (default 500). */
  relayBatchSize?: number;
  /** How often the relay looks at the outbox when no notification came (default 500 ms). */
  relayPollMs?: number;
  /** Events given to one handler call and one transaction (default 200). */
  consumerChunkSize?: number;
  /**
   * Tries of one event whose handler keeps failing while the database answers, before it goes
   * to the dead letters (env `CONSUMER_MAX_ATTEMPTS`, default 5).
   */
  maxAttempts?: number;
  /** The consumer's group session timeout (env `KAFKA_SESSION_TIMEOUT_MS`, default 30000). */
  sessionTimeoutMs?: number;
  /** How often the consumer heartbeats, also while a handler runs (default session / 10). */
  heartbeatIntervalMs?: number;
  /** First delay between two tries of a failed chunk or event (default 200 ms). */
  retryStartingDelayMs?: number;
  /** Longest delay between two tries; also bounds how long a retry delays shutdown (5000 ms). */
  retryMaxDelayMs?: number;
  /** Consumer restarts allowed within `restartWindowMs` before the process exits (default 3). */
  maxRestarts?: number;
  /** Window for `maxRestarts` (default 5 minutes). */
  restartWindowMs?: number;
  /** Ends the process when the consumer cannot be kept alive; tests replace it. */
  exitProcess?: (code: number) => void;
}

export const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');

export const DEFAULT_PARTITIONS = 6;
export const DEFAULT_REPLICATION_FACTOR = 1;

/** The consumer's settings with the environment and the defaults filled in. */
export interface ConsumerSettings {
  chunkSize: number;
  maxAttempts: number;
  sessionTimeoutMs: number;
  heartbeatIntervalMs: number;
  retryStartingDelayMs: number;
  retryMaxDelayMs: number;
  maxRestarts: number;
  restartWindowMs: number;
}

/** Options win over the environment, the environment over the defaults. */
export function consumerSettings(
  options: MessagingOptions,
  env: NodeJS.ProcessEnv = process.env,
): ConsumerSettings {
  const sessionTimeoutMs =
    options.sessionTimeoutMs ?? positiveInt(env.KAFKA_SESSION_TIMEOUT_MS) ?? 30_000;
  return {
    chunkSize: options.consumerChunkSize ?? 200,
    maxAttempts: options.maxAttempts ?? positiveInt(env.CONSUMER_MAX_ATTEMPTS) ?? 5,
    sessionTimeoutMs,
    // kafkajs throttles heartbeats to this interval; a tenth of the session leaves room for misses.
    heartbeatIntervalMs: options.heartbeatIntervalMs ?? Math.floor(sessionTimeoutMs / 10),
    retryStartingDelayMs: options.retryStartingDelayMs ?? 200,
    retryMaxDelayMs: options.retryMaxDelayMs ?? 5_000,
    maxRestarts: options.maxRestarts ?? 3,
    restartWindowMs: options.restartWindowMs ?? 5 * 60_000,
  };
}

function positiveInt(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const parsed = Number(value);
  return Number.isInteger(parsed) && parsed > 0 ? parsed : undefined;
}
