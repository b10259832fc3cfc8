import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';

import { ApplicationAccepted, Topics } from '@joint/contracts';
import { EventConsumer, EventHandler, eventLogFields } from '@joint/messaging';

import { PermitApplicationService } from './permit-application.service';

/**
 * Takes every accepted application from `applications.accepted`: any of
 * them may need approvals for external works later. Runs in the consumer's
 * transaction, which records the batch in the inbox.
 */
@Injectable()
export class ApplicationAcceptedHandler
  implements OnModuleInit, EventHandler<typeof Topics.applicationsAccepted>
{
  private readonly logger = new Logger(ApplicationAcceptedHandler.name);

  constructor(
    private readonly consumer: EventConsumer,
    private readonly applications: PermitApplicationService,
  ) {}

  onModuleInit(): void {
    this.consumer.register(Topics.applicationsAccepted, this);
  }

  async handle(events: ApplicationAccepted[], manager: EntityManager): Promise<void> {
    const recorded = await this.applications.record(events, manager);

    for (const event of events) {
      const { services } = event.data;
      this.logger.log({ ...eventLogFields(event), services }, 'application kept for permits');
    }
    const repeated = events.length - recorded;
    if (repeated > 0) this.logger.log({ count: repeated }, 'applications already kept, skipped');
  }
}
