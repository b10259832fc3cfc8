import { randomUUID } from 'node:crypto';

import { Inject, Injectable, Logger } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';

import type { PermitType, ServiceProgressed, Utility } from '@joint/contracts';
import { appendToOutbox, OutboxEntry } from '@joint/messaging';
import { Clock } from '@joint/platform';

import { PermitsConfig } from '../config/permits-config';
import { PERMITS_CONFIG } from '../config/permits-config.token';
import { lockApplication } from '../permit/application-lock';
import { OPEN, Permit } from '../permit/permit.entity';
import { grantDetails, jointWorksOf, permitProgressed } from '../permit/permit-events';
import { PermitUtility } from '../permit/permit-utility.entity';
import { utilitiesOf } from '../permit/permit-utilities';
import { PermitCalendar } from '../working-days/permit-calendar';
import { normalizeRoad } from './normalize-road';

/** What became of one approval a utility asked for. */
export type RequestOutcome = 'opened' | 'joined' | 'repeated';

/** One approval asked by one utility, with what the permit office needs to open or join it. */
interface PermitAsk {
  event: ServiceProgressed;
  type: PermitType;
  road: string | null;
  now: Date;
}

/**
 * Opens the permits a utility asks for on `permits_requested`, one per approval, routed to its
 * department. Road excavation is dug once per application: a second utility joins the open
 * permit while its construction window has not started.
 */
@Injectable()
export class PermitRequestService {
  private readonly logger = new Logger(PermitRequestService.name);

  constructor(
    @Inject(PERMITS_CONFIG) private readonly config: PermitsConfig,
    private readonly calendar: PermitCalendar,
    private readonly clock: Clock,
  ) {}

  /** Applies one `permits_requested` in the caller's transaction; a repeat changes nothing. */
  async request(event: ServiceProgressed, manager: EntityManager): Promise<RequestOutcome[]> {
    const types = [...new Set(event.data.permits ?? [])];
    if (types.length === 0) return [];

    await lockApplication(manager, event.applicationNo);
    const road = normalizeRoad(event.data.externalWorks?.route);
    const now = this.clock.now();

    const outcomes: RequestOutcome[] = [];
    for (const type of types) {
      outcomes.push(await this.requestOne(manager, { event, type, road, now }));
    }
    return outcomes;
  }

  private async requestOne(manager: EntityManager, ask: PermitAsk): Promise<RequestOutcome> {
    if (await this.alreadyAsked(manager, ask)) return 'repeated';

    if (ask.type === 'road_excavation' && (await this.joinOpenExcavation(manager, ask))) {
      return 'joined';
    }
    await this.open(manager, ask);
    return 'opened';
  }

  /**
   * Whether the utility holds an open permit of this type: after a rejection its case is returned
   * and it asks again, which must open a new permit rather than count as a repeat.
   */
  private async alreadyAsked(manager: EntityManager, ask: PermitAsk): Promise<boolean> {
    const { applicationNo, data } = ask.event;
    return manager.exists(PermitUtility, {
      where: {
        applicationNo,
        permitType: ask.type,
        utility: data.utility,
        permit: { status: In([...OPEN]) },
      },
    });
  }

  private async open(manager: EntityManager, ask: PermitAsk): Promise<void> {
    const { event, type, now } = ask;
    const dueBy = this.calendar.decisionDueBy(now, this.config.decisionLimitWorkingDays) ?? null;
    const window =
      type === 'road_excavation' && dueBy
        ? this.calendar.jointWindow(dueBy, this.config.jointWorksWindowWorkingDays)
        : undefined;
    const permit = Object.assign(new Permit(), {
      id: randomUUID(),
      applicationNo: event.applicationNo,
      permitType: type,
      department: this.config.routing[type],
      status: 'requested',
      road: ask.road,
      requestedAt: now,
      dueBy,
      decidedAt: null,
      officer: null,
      conditions: null,
      reason: null,
      windowStart: window?.start ?? null,
      windowEnd: window?.end ?? null,
      correlationId: event.correlationId,
    } satisfies Permit);

    await manager.insert(Permit, permit);
    await this.cover(manager, permit, ask);
    await appendToOutbox(manager, [
      permitProgressed(permit, [event.data.utility], 'requested', now),
    ]);
  }

  /**
   * Adds the asking utility to the application's open road excavation, if one can still take
   * it, and publishes the shared window (and the grant again, if already granted).
   */
  private async joinOpenExcavation(manager: EntityManager, ask: PermitAsk): Promise<boolean> {
    const permit = await this.joinableExcavation(manager, ask);
    if (!permit) return false;

    await this.cover(manager, permit, ask);
    const utilities = (await utilitiesOf(manager, [permit.id])).get(permit.id) ?? [];
    await appendToOutbox(manager, this.joinedEvents(permit, utilities, ask.now));

    this.logger.log(
      { applicationNo: permit.applicationNo, permitId: permit.id, utilities },
      'utility joined road excavation',
    );
    return true;
  }

  /** The newest undecided or granted excavation of the application whose window is ahead. */
  private async joinableExcavation(
    manager: EntityManager,
    ask: PermitAsk,
  ): Promise<Permit | undefined> {
    const candidates = await manager.find(Permit, {
      where: {
        applicationNo: ask.event.applicationNo,
        permitType: 'road_excavation',
        status: In([...OPEN]),
      },
      order: { requestedAt: 'DESC' },
    });
    const today = this.calendar.today(ask.now);
    return candidates.find((permit) => !permit.windowStart || today < permit.windowStart);
  }

  private joinedEvents(permit: Permit, utilities: Utility[], now: Date): OutboxEntry[] {
    const events: OutboxEntry[] = [];
    const jointWorks = jointWorksOf(permit, utilities);
    if (jointWorks) {
      events.push(
        permitProgressed(permit, utilities, 'joint_works_scheduled', now, { jointWorks }),
      );
    } else {
      this.logger.error(
        { applicationNo: permit.applicationNo, permitId: permit.id },
        'joint works have no window: the working calendar lacks a year',
      );
    }
    if (permit.status === 'granted') {
      // The newcomer's case learns of the grant only from an event that lists it.
      events.push(permitProgressed(permit, utilities, 'granted', now, grantDetails(permit)));
    }
    return events;
  }

  private async cover(manager: EntityManager, permit: Permit, ask: PermitAsk): Promise<void> {
    await manager.insert(PermitUtility, {
      permitId: permit.id,
      utility: ask.event.data.utility,
      applicationNo: permit.applicationNo,
      permitType: permit.permitType,
      requestedAt: ask.now,
      requestEventId: ask.event.eventId,
    });
  }
}
