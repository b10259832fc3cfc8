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
}

export const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');

export const DEFAULT_PARTITIONS = 6;
export const DEFAULT_REPLICATION_FACTOR = 1;
