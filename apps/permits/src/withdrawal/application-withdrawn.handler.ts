import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';

import { ApplicationWithdrawn, Topics } from '@joint/contracts';
import { EventConsumer, EventHandler, eventLogFields } from '@joint/messaging';

import { PermitWithdrawalService } from './permit-withdrawal.service';

/** Takes `applications.withdrawn`: a withdrawn application needs no more decisions. */
@Injectable()
export class ApplicationWithdrawnHandler
  implements OnModuleInit, EventHandler<typeof Topics.applicationsWithdrawn>
{
  private readonly logger = new Logger(ApplicationWithdrawnHandler.name);

  constructor(
    private readonly consumer: EventConsumer,
    private readonly withdrawals: PermitWithdrawalService,
  ) {}

  onModuleInit(): void {
    this.consumer.register(Topics.applicationsWithdrawn, this);
  }

  async handle(events: ApplicationWithdrawn[], manager: EntityManager): Promise<void> {
    for (const event of events) {
      const cancelled = await this.withdrawals.cancelUndecided(event, manager);
      this.logger.log({ ...eventLogFields(event), cancelled }, 'withdrawn application handled');
    }
  }
}
