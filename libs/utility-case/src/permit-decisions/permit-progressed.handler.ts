import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';

import { PermitProgressed, Topics } from '@joint/contracts';
import { EventConsumer, EventHandler, eventLogFields } from '@joint/messaging';

import { PermitDecisionService } from './permit-decision.service';

/** Takes the permit office's decisions from `permits.progress`, in the consumer's transaction. */
@Injectable()
export class PermitProgressedHandler
  implements OnModuleInit, EventHandler<typeof Topics.permitsProgress>
{
  private readonly logger = new Logger(PermitProgressedHandler.name);

  constructor(
    private readonly consumer: EventConsumer,
    private readonly decisions: PermitDecisionService,
  ) {}

  onModuleInit(): void {
    this.consumer.register(Topics.permitsProgress, this);
  }

  async handle(events: PermitProgressed[], manager: EntityManager): Promise<void> {
    for (const event of events) {
      const outcome = await this.decisions.apply(manager, event);
      const { permitType, status } = event.data;
      const fields = { ...eventLogFields(event), permitType, status, outcome };
      this.logger.log(fields, 'permit decision');
    }
  }
}
