import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';

import { ApplicationAccepted, Topics } from '@joint/contracts';
import { EventConsumer, EventHandler, eventLogFields } from '@joint/messaging';

import { UtilitySettings } from '../settings/utility-settings';
import { UTILITY_SETTINGS } from '../settings/utility-settings.token';
import { CaseOpeningService } from './case-opening.service';
import { OpenCase, openCaseFor } from './open-case.command';

/**
 * Takes accepted applications from `applications.accepted` and opens a case
 * for those that ask for this utility. Runs in the consumer's transaction,
 * which also records the batch in the inbox, so a redelivered batch is
 * skipped before it gets here.
 */
@Injectable()
export class ApplicationAcceptedHandler
  implements OnModuleInit, EventHandler<typeof Topics.applicationsAccepted>
{
  private readonly logger = new Logger(ApplicationAcceptedHandler.name);

  constructor(
    private readonly consumer: EventConsumer,
    private readonly cases: CaseOpeningService,
    @Inject(UTILITY_SETTINGS) private readonly settings: UtilitySettings,
  ) {}

  onModuleInit(): void {
    this.consumer.register(Topics.applicationsAccepted, this);
  }

  async handle(events: ApplicationAccepted[], manager: EntityManager): Promise<void> {
    const commands = events
      .map((event) => openCaseFor(event, this.settings.utility))
      .filter((command): command is OpenCase => command !== null);
    this.logSkipped(events, commands);
    if (commands.length === 0) return;

    const opened = await this.cases.openCases(commands, manager);

    const byId = new Map(events.map((event) => [event.eventId, event]));
    for (const { acceptedEventId, dueBy } of opened) {
      const event = byId.get(acceptedEventId);
      if (event) this.logger.log({ ...eventLogFields(event), dueBy }, 'case opened');
    }
    const alreadyOpen = commands.length - opened.length;
    if (alreadyOpen > 0) this.logger.log({ count: alreadyOpen }, 'cases already open, skipped');
  }

  private logSkipped(events: ApplicationAccepted[], commands: OpenCase[]): void {
    const taken = new Set(commands.map(({ accepted }) => accepted.eventId));
    for (const event of events) {
      if (taken.has(event.eventId)) continue;
      this.logger.debug(eventLogFields(event), 'not asking for this utility, skipped');
    }
  }
}
