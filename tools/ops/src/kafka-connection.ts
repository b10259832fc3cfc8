import { Kafka, logLevel } from 'kafkajs';

export const DEFAULT_BROKERS = '127.0.0.1:9092';

/** `KAFKA_BROKERS` (comma-separated), as the services read it. */
export function brokersFrom(env: NodeJS.ProcessEnv): string[] {
  const brokers = (env.KAFKA_BROKERS ?? DEFAULT_BROKERS)
    .split(',')
    .map((broker) => broker.trim())
    .filter(Boolean);
  return brokers.length > 0 ? brokers : [DEFAULT_BROKERS];
}

export function opsKafka(env: NodeJS.ProcessEnv = process.env): Kafka {
  return new Kafka({ clientId: 'joint-ops', brokers: brokersFrom(env), logLevel: logLevel.ERROR });
}
