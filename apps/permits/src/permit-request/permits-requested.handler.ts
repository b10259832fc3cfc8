import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';

import { ServiceProgressed, Topics } from '@joint/contracts';
import { EventConsumer, EventHandler, eventLogFields } from '@joint/messaging';

import { PermitRequestService, RequestOutcome } from './permit-request.service';

/**
 * Takes the `permits_requested` steps from `utility.progress` (the other steps are the
 * utilities' own business) inside the consumer's transaction, which records them in the inbox.
 */
@Injectable()
export class PermitsRequestedHandler
  implements OnModuleInit, EventHandler<typeof Topics.utilityProgress>
{
  private readonly logger = new Logger(PermitsRequestedHandler.name);

  constructor(
    private readonly consumer: EventConsumer,
    private readonly requests: PermitRequestService,
  ) {}

  onModuleInit(): void {
    this.consumer.register(Topics.utilityProgress, this);
  }

  async handle(events: ServiceProgressed[], manager: EntityManager): Promise<void> {
    for (const event of events.filter((e) => e.data.step === 'permits_requested')) {
      if (!event.data.permits?.length) {
        this.logger.warn(contextOf(event), 'permits requested without permits, skipped');
        continue;
      }
      const outcomes = await this.requests.request(event, manager);
      this.logger.log({ ...contextOf(event), ...countOf(outcomes) }, 'permits requested');
    }
  }
}

function countOf(outcomes: RequestOutcome[]): Record<RequestOutcome, number> {
  const count = { opened: 0, joined: 0, repeated: 0 };
  for (const outcome of outcomes) count[outcome] += 1;
  return count;
}

function contextOf(event: ServiceProgressed): Record<string, string> {
  return { ...eventLogFields(event), utility: event.data.utility };
}
