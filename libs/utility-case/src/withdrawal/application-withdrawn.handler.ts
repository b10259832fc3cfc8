import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';

import { ApplicationWithdrawn, Topics } from '@joint/contracts';
import { EventConsumer, EventHandler, eventLogFields } from '@joint/messaging';

import { CaseWorkflow } from '../workflow/case-workflow.service';
import { lockCase } from '../workflow/lock-case';

/**
 * Takes withdrawals from `applications.withdrawn`: an open case (in progress or returned)
 * becomes withdrawn and says so; a connected or withdrawn case, or an application this
 * utility has no case for, is left alone.
 */
@Injectable()
export class ApplicationWithdrawnHandler
  implements OnModuleInit, EventHandler<typeof Topics.applicationsWithdrawn>
{
  private readonly logger = new Logger(ApplicationWithdrawnHandler.name);

  constructor(
    private readonly consumer: EventConsumer,
    private readonly workflow: CaseWorkflow,
  ) {}

  onModuleInit(): void {
    this.consumer.register(Topics.applicationsWithdrawn, this);
  }

  async handle(events: ApplicationWithdrawn[], manager: EntityManager): Promise<void> {
    for (const event of events) {
      const found = await lockCase(manager, event.applicationNo);
      if (!found || found.status === 'connected' || found.status === 'withdrawn') {
        const status = found?.status;
        this.logger.debug({ ...eventLogFields(event), status }, 'nothing to withdraw');
        continue;
      }

      await this.workflow.take(manager, found, {
        step: 'withdrawn',
        source: 'intake',
        note: event.data.reason,
      });
      this.logger.log(eventLogFields(event), 'case withdrawn');
    }
  }
}
