import { BeforeApplicationShutdown, Inject, Injectable } from '@nestjs/common';
import { Admin, Kafka } from 'kafkajs';

import { EventConsumer } from '../consumer/event-consumer.service';
import { KAFKA_CLIENT } from './kafka-client.factory';

const CHECK_TIMEOUT_MS = 3_000;

export interface HealthResult {
  ok: boolean;
  reason?: string;
}

/**
 * Answers whether the cluster is reachable now and the service's consumer is consuming, quickly
 * enough for a health endpoint.
 */
@Injectable()
export class KafkaHealth implements BeforeApplicationShutdown {
  private admin?: Admin;

  constructor(
    @Inject(KAFKA_CLIENT) private readonly kafka: Kafka,
    private readonly consumer: EventConsumer,
  ) {}

  async isHealthy(timeoutMs = CHECK_TIMEOUT_MS): Promise<HealthResult> {
    const cluster = await this.clusterHealth(timeoutMs);
    if (!cluster.ok) return cluster;
    return this.consumerHealth();
  }

  /** Whether the consumer consumes: not crashed for good, not silent, not without partitions. */
  consumerHealth(): HealthResult {
    const health = this.consumer.health();
    return health.ok ? { ok: true } : { ok: false, reason: `kafka: ${health.reason}` };
  }

  private async clusterHealth(timeoutMs: number): Promise<HealthResult> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      const cluster = await Promise.race([this.describeCluster(), timeout]);
      if (cluster.brokers.length === 0) return { ok: false, reason: 'kafka: no broker' };
      return { ok: true };
    } catch (error) {
      // A fresh admin next time: a half-open connection would keep failing.
      await this.dropAdmin();
      return { ok: false, reason: `kafka: ${(error as Error).message}` };
    } finally {
      clearTimeout(timer);
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.dropAdmin();
  }

  private async describeCluster(): ReturnType<Admin['describeCluster']> {
    if (!this.admin) {
      const admin = this.kafka.admin({ retry: { retries: 0 } });
      this.admin = admin;
      await admin.connect();
    }
    return this.admin.describeCluster();
  }

  private async dropAdmin(): Promise<void> {
    const admin = this.admin;
    this.admin = undefined;
    await admin?.disconnect().catch(() => undefined);
  }
}
