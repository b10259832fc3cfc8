import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { Kafka } from 'kafkajs';

import { ALL_TOPICS } from '@joint/contracts';

import { KAFKA_CLIENT } from '../kafka/kafka-client.factory';
import {
  DEFAULT_PARTITIONS,
  DEFAULT_REPLICATION_FACTOR,
  MESSAGING_OPTIONS,
  MessagingOptions,
} from '../module/messaging-options';
import { ensureTopics } from './ensure-topics';

/**
 * Creates the contract topics and their dead-letter topics at module init, which Nest finishes
 * for every module before any application-bootstrap hook, so the relay and the consumer start
 * on topics that exist (consumers never auto-create topics).
 */
@Injectable()
export class TopicsInitializer implements OnModuleInit {
  private readonly logger = new Logger(TopicsInitializer.name);

  constructor(
    @Inject(KAFKA_CLIENT) private readonly kafka: Kafka,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  async onModuleInit(): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const created = await ensureTopics(admin, ALL_TOPICS, {
        partitions: this.options.partitions ?? DEFAULT_PARTITIONS,
        replicationFactor: this.options.replicationFactor ?? DEFAULT_REPLICATION_FACTOR,
      });
      this.logger.log({ created, total: ALL_TOPICS.length * 2 }, 'topics ready');
    } finally {
      await admin.disconnect();
    }
  }
}
