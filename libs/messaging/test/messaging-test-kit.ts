import { randomUUID } from 'node:crypto';

import { INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Consumer, EachMessagePayload, Kafka, KafkaMessage, logLevel } from 'kafkajs';
import { Client } from 'pg';

import { ServiceProgressed, Topics } from '@joint/contracts';
import {
  EventConsumer,
  MESSAGING_ENTITIES,
  MESSAGING_MIGRATIONS,
  MessagingModule,
  MessagingOptions,
} from '../src/index';

const PG_SERVER = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432';

export function kafkaBrokers(): string[] {
  const brokers = process.env.KAFKA_BROKERS;
  if (!brokers) throw new Error('KAFKA_BROKERS is not set: run under tools/kafka/with-kafka.sh');
  return brokers.split(',');
}

/** A plain kafkajs client for the test's own producing and checking. */
export function testKafka(): Kafka {
  return new Kafka({
    clientId: 'messaging-test',
    brokers: kafkaBrokers(),
    logLevel: logLevel.NOTHING,
  });
}

export function uniqueName(prefix: string): string {
  return `${prefix}_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
}

/** A database of its own for one test file, dropped at the end. */
export async function createTestDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = uniqueName('jm_test');
  await adminQuery(`CREATE DATABASE ${name}`);
  return {
    url: `${PG_SERVER}/${name}`,
    drop: () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

async function adminQuery(sql: string): Promise<void> {
  const client = new Client({ connectionString: `${PG_SERVER}/postgres` });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * A Nest app with TypeORM (migrations run) and the messaging module, as a service wires them.
 * `beforeInit` runs where a service's `onModuleInit` would register its handlers.
 */
export async function startMessagingApp(
  databaseUrl: string,
  options: Partial<MessagingOptions>,
  beforeInit: (consumer: EventConsumer) => void = () => undefined,
): Promise<INestApplicationContext> {
  @Module({
    imports: [
      TypeOrmModule.forRoot({
        type: 'postgres',
        url: databaseUrl,
        entities: MESSAGING_ENTITIES,
        migrations: MESSAGING_MIGRATIONS,
        migrationsRun: true,
        synchronize: false,
      }),
      MessagingModule.forRoot({ producer: 'power', brokers: kafkaBrokers(), ...options }),
    ],
    providers: [{ provide: 'REGISTER_HANDLERS', inject: [EventConsumer], useFactory: beforeInit }],
  })
  class TestServiceModule {}

  return NestFactory.createApplicationContext(TestServiceModule, { logger: ['error', 'warn'] });
}

/** Polls `check` until it returns true or throws when `timeoutMs` has passed. */
export async function waitFor(
  what: string,
  check: () => boolean | Promise<boolean>,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Reads `topic` from the beginning in a fresh group, keeping the messages `keep` accepts. */
export async function collect(
  kafka: Kafka,
  topic: string,
  keep: (message: KafkaMessage) => boolean,
): Promise<{ messages: EachMessagePayload[]; stop: () => Promise<void> }> {
  const consumer: Consumer = kafka.consumer({ groupId: uniqueName('jm-test-reader') });
  const messages: EachMessagePayload[] = [];
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: (payload) => {
      if (keep(payload.message)) messages.push(payload);
      return Promise.resolve();
    },
  });
  return { messages, stop: () => consumer.disconnect() };
}

export function keyOf(message: KafkaMessage): string | undefined {
  return message.key?.toString();
}

/** A valid `utility.progress` event for `applicationNo`. */
export function serviceProgressed(
  applicationNo: string,
  note = 'test',
): ServiceProgressed & { type: 'ServiceProgressed' } {
  const now = new Date().toISOString();
  return Object.assign(new ServiceProgressed(), {
    eventId: randomUUID(),
    type: 'ServiceProgressed' as const,
    version: 1,
    occurredAt: now,
    applicationNo,
    producer: 'power' as const,
    correlationId: randomUUID(),
    data: { utility: 'power' as const, step: 'received' as const, at: now, note },
  });
}

export const UTILITY_PROGRESS = Topics.utilityProgress;
