import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';

import { PermitProgressed, ServiceProgressed, Topics } from '@joint/contracts';
import { EventConsumer } from '@joint/messaging';

import { PermitUpdateRecord } from './permit-update.entity';
import { ServiceStepRecord } from './service-step.entity';

/**
 * The aggregator: projects every utility's and the permit office's steps
 * into the progress view. Runs inside the consumer's transaction, which
 * also records the inbox, so each event lands once and in partition order.
 */
@Injectable()
export class ProgressProjectionHandler implements OnModuleInit {
  private readonly logger = new Logger(ProgressProjectionHandler.name);

  constructor(private readonly consumer: EventConsumer) {}

  onModuleInit(): void {
    this.consumer.register(Topics.utilityProgress, {
      handle: (events, manager) => this.projectSteps(events, manager),
    });
    this.consumer.register(Topics.permitsProgress, {
      handle: (events, manager) => this.projectPermits(events, manager),
    });
  }

  async projectSteps(events: ServiceProgressed[], manager: EntityManager): Promise<void> {
    const rows = events.map((e) => ({
      eventId: e.eventId,
      applicationNo: e.applicationNo,
      utility: e.data.utility,
      step: e.data.step,
      at: new Date(e.data.at),
      dueBy: e.data.dueBy ? new Date(e.data.dueBy) : null,
      note: e.data.note ?? null,
    }));
    await manager
      .createQueryBuilder()
      .insert()
      .into(ServiceStepRecord)
      .values(rows)
      .orIgnore()
      .execute();
    this.logger.debug({ count: rows.length }, 'steps projected');
  }

  async projectPermits(events: PermitProgressed[], manager: EntityManager): Promise<void> {
    const rows = events.map((e) => ({
      eventId: e.eventId,
      applicationNo: e.applicationNo,
      permitId: e.data.permitId,
      permitType: e.data.permitType,
      status: e.data.status,
      utilities: e.data.utilities,
      at: new Date(e.data.at),
      note: e.data.note ?? null,
    }));
    await manager
      .createQueryBuilder()
      .insert()
      .into(PermitUpdateRecord)
      .values(rows)
      .orIgnore()
      .execute();
    this.logger.debug({ count: rows.length }, 'permit updates projected');
  }
}
