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
    const rows = events.map((e) => {
      const { utility, step, at, dueBy, note, ...details } = e.data;
      return {
        eventId: e.eventId,
        applicationNo: e.applicationNo,
        utility,
        step,
        at: new Date(at),
        dueBy: dueBy ? new Date(dueBy) : null,
        note: note ?? null,
        details: plain(details),
      };
    });
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
    const rows = events.map((e) => {
      const { permitId, permitType, status, utilities, at, note, ...details } = e.data;
      return {
        eventId: e.eventId,
        applicationNo: e.applicationNo,
        permitId,
        permitType,
        status,
        utilities,
        at: new Date(at),
        note: note ?? null,
        details: plain(details),
      };
    });
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

/** Validated events are class instances; the database takes plain JSON. */
function plain<T extends object>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
