import { createHash, randomUUID } from 'node:crypto';

import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

import {
  ApplicationAccepted,
  ApplicationWithdrawn,
  ApplicationForm,
  CURRENT_VERSION,
  FirstContact,
  isHallChannel,
  requestedServices,
  Topics,
  Utility,
  validateApplicationForm,
} from '@joint/contracts';
import { appendToOutbox } from '@joint/messaging';
import { Clock } from '@joint/platform';

import { INTAKE_CONFIG } from '../config/intake-config.provider';
import { IntakeConfig } from '../config/intake-config';
import { Application, ApplicationStatus } from './application.entity';
import { chinaDay, formatApplicationNo } from './application-number';
import { isContactPhone } from './contact-phone';
import { IdempotentRequest } from './idempotent-request.entity';
import { buildProgressView } from '../progress/progress-view';
import { ServiceStepRecord } from '../progress/service-step.entity';
import { IntakeError, IntakeErrorCode } from './intake.error';

export interface ApplicationReceipt {
  applicationNo: string;
  status: ApplicationStatus;
  services: Utility[];
}

/** Who asked, for the events and the logs. */
export interface RequestContext {
  correlationId: string;
}

/** The signed-in window clerk: recorded as the first-contact officer, limited to their windows. */
export interface Clerk {
  staffId: string;
  name: string;
  windows: readonly string[];
}

/** The window's work: take the form, number it, accept or return it. */
@Injectable()
export class ApplicationsService {
  private readonly logger = new Logger(ApplicationsService.name);

  constructor(
    private readonly dataSource: DataSource,
    @Inject(INTAKE_CONFIG) private readonly config: IntakeConfig,
    private readonly clock: Clock,
  ) {}

  /**
   * Stores a form. At a hall it is accepted at once and published; online it
   * waits for a first-contact officer. A retry with the same idempotency key
   * gets the first answer.
   */
  async submit(
    body: unknown,
    idempotencyKey: string | undefined,
    ctx: RequestContext,
    clerk?: Clerk,
  ): Promise<ApplicationReceipt> {
    const checked = validateApplicationForm(body);
    if (!checked.ok) throw IntakeError.invalid(checked.errors);
    if (isHallChannel(checked.value.channel)) {
      if (!clerk)
        throw IntakeError.signInNeeded('a form entered at a hall needs the clerk signed in');
      checkWindow(clerk, checked.value.window);
    }

    const receipt = await this.dataSource.transaction(async (manager) => {
      if (idempotencyKey) {
        const earlier = await this.earlierAnswer(manager, idempotencyKey, body);
        if (earlier) return earlier;
      }
      const created = await this.create(manager, checked.value, ctx, clerk);
      if (idempotencyKey) await this.remember(manager, idempotencyKey, body, created);
      return created;
    });
    this.logger.log({ applicationNo: receipt.applicationNo, status: receipt.status }, 'submitted');
    return receipt;
  }

  async accept(
    applicationNo: string,
    clerk: Clerk,
    ctx: RequestContext,
  ): Promise<ApplicationReceipt> {
    const receipt = await this.dataSource.transaction(async (manager) => {
      const application = await this.lockSubmitted(manager, applicationNo, clerk);
      application.status = 'accepted';
      application.firstContact = firstContactOf(clerk);
      application.acceptedAt = this.clock.now();
      await manager.save(application);
      await this.publishAccepted(manager, application, ctx);
      return receiptOf(application);
    });
    this.logger.log({ applicationNo, staffId: clerk.staffId }, 'accepted');
    return receipt;
  }

  async return(
    applicationNo: string,
    clerk: Clerk,
    reasons: string[],
    _ctx: RequestContext,
  ): Promise<ApplicationReceipt> {
    const receipt = await this.dataSource.transaction(async (manager) => {
      const application = await this.lockSubmitted(manager, applicationNo, clerk);
      application.status = 'returned';
      application.firstContact = firstContactOf(clerk);
      application.returnReasons = reasons;
      application.returnedAt = this.clock.now();
      await manager.save(application);
      return receiptOf(application);
    });
    this.logger.log({ applicationNo, staffId: clerk.staffId }, 'returned for correction');
    return receipt;
  }

  /**
   * The enterprise withdraws the whole application. Once it was accepted,
   * every utility and the permit office hear of it and stop their work.
   */
  async withdraw(
    applicationNo: string,
    contactPhone: string | undefined,
    reason: string | undefined,
    ctx: RequestContext,
  ): Promise<ApplicationReceipt> {
    const receipt = await this.dataSource.transaction(async (manager) => {
      const application = await manager.findOne(Application, {
        where: { applicationNo },
        lock: { mode: 'pessimistic_write' },
      });
      if (!application || !isContactPhone(application.contactPhone, contactPhone)) {
        throw IntakeError.notFound();
      }
      if (application.status === 'withdrawn') {
        throw new IntakeError(IntakeErrorCode.WrongStatus, `${applicationNo} is already withdrawn`);
      }
      if (await isCompleted(manager, application)) {
        throw new IntakeError(
          IntakeErrorCode.WrongStatus,
          `${applicationNo} is completed: every connection asked for is switched on`,
        );
      }
      const wasAccepted = application.status === 'accepted';
      application.status = 'withdrawn';
      application.withdrawnAt = this.clock.now();
      application.withdrawalReason = reason ?? null;
      await manager.save(application);
      if (wasAccepted) await this.publishWithdrawn(manager, application, ctx);
      return receiptOf(application);
    });
    this.logger.log({ applicationNo }, 'withdrawn');
    return receipt;
  }

  private async create(
    manager: EntityManager,
    form: ApplicationForm,
    ctx: RequestContext,
    clerk: Clerk | undefined,
  ): Promise<ApplicationReceipt> {
    const now = this.clock.now();
    const accepted = isHallChannel(form.channel);
    const application = manager.create(Application, {
      applicationNo: await this.nextNumber(manager, now),
      status: accepted ? 'accepted' : 'submitted',
      channel: form.channel,
      enterpriseName: form.enterprise.name,
      contactPhone: form.enterprise.contactPhone,
      services: requestedServices(form),
      form: JSON.parse(JSON.stringify(form)) as ApplicationForm,
      // The clerk signed in is the first-contact officer, whatever the form says.
      firstContact: accepted && clerk ? firstContactOf(clerk) : null,
      returnReasons: null,
      submittedAt: now,
      acceptedAt: accepted ? now : null,
      returnedAt: null,
      withdrawnAt: null,
      withdrawalReason: null,
    });
    await manager.insert(Application, application);
    if (accepted) await this.publishAccepted(manager, application, ctx);
    return receiptOf(application);
  }

  /** The day's next number; the counter row's lock orders concurrent submissions. */
  private async nextNumber(manager: EntityManager, now: Date): Promise<string> {
    const prefix = this.config.applicationNoPrefix;
    const day = chinaDay(now);
    const rows: { last_value: number }[] = await manager.query(
      `INSERT INTO application_counter (prefix, day, last_value) VALUES ($1, $2, 1)
       ON CONFLICT (prefix, day)
       DO UPDATE SET last_value = application_counter.last_value + 1
       RETURNING last_value`,
      [prefix, day],
    );
    return formatApplicationNo(prefix, day, rows[0].last_value);
  }

  private async publishAccepted(
    manager: EntityManager,
    application: Application,
    ctx: RequestContext,
  ): Promise<void> {
    const acceptedAt = (application.acceptedAt ?? this.clock.now()).toISOString();
    const event: ApplicationAccepted = Object.assign(new ApplicationAccepted(), {
      eventId: randomUUID(),
      type: 'ApplicationAccepted' as const,
      version: CURRENT_VERSION,
      occurredAt: acceptedAt,
      applicationNo: application.applicationNo,
      producer: 'intake' as const,
      correlationId: ctx.correlationId,
      data: {
        form: application.form,
        firstContact: application.firstContact as FirstContact,
        acceptedAt,
        services: application.services,
      },
    });
    await appendToOutbox(manager, [{ topic: Topics.applicationsAccepted, event }]);
  }

  private async publishWithdrawn(
    manager: EntityManager,
    application: Application,
    ctx: RequestContext,
  ): Promise<void> {
    const withdrawnAt = (application.withdrawnAt ?? this.clock.now()).toISOString();
    const event: ApplicationWithdrawn = Object.assign(new ApplicationWithdrawn(), {
      eventId: randomUUID(),
      type: 'ApplicationWithdrawn' as const,
      version: CURRENT_VERSION,
      occurredAt: withdrawnAt,
      applicationNo: application.applicationNo,
      producer: 'intake' as const,
      correlationId: ctx.correlationId,
      data: {
        withdrawnAt,
        ...(application.withdrawalReason ? { reason: application.withdrawalReason } : {}),
      },
    });
    await appendToOutbox(manager, [{ topic: Topics.applicationsWithdrawn, event }]);
  }

  private async lockSubmitted(
    manager: EntityManager,
    applicationNo: string,
    clerk: Clerk,
  ): Promise<Application> {
    const application = await manager.findOne(Application, {
      where: { applicationNo },
      lock: { mode: 'pessimistic_write' },
    });
    if (!application) throw IntakeError.notFound();
    checkWindow(clerk, application.form.window);
    if (application.status !== 'submitted') {
      throw new IntakeError(
        IntakeErrorCode.WrongStatus,
        `application ${applicationNo} is ${application.status}, not waiting for a window's check`,
      );
    }
    return application;
  }

  private async earlierAnswer(
    manager: EntityManager,
    key: string,
    body: unknown,
  ): Promise<ApplicationReceipt | undefined> {
    // Two retries racing with one key: the second waits here for the first.
    await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [key]);
    const earlier = await manager.findOneBy(IdempotentRequest, { key });
    if (!earlier) return undefined;
    if (earlier.requestHash !== hashOf(body)) {
      throw new IntakeError(
        IntakeErrorCode.IdempotencyKeyReused,
        'this Idempotency-Key was used for a different form',
      );
    }
    return earlier.response as ApplicationReceipt;
  }

  private async remember(
    manager: EntityManager,
    key: string,
    body: unknown,
    receipt: ApplicationReceipt,
  ): Promise<void> {
    await manager.insert(IdempotentRequest, {
      key,
      requestHash: hashOf(body),
      applicationNo: receipt.applicationNo,
      response: receipt,
      createdAt: this.clock.now(),
    });
  }
}

function receiptOf(application: Application): ApplicationReceipt {
  return {
    applicationNo: application.applicationNo,
    status: application.status,
    services: application.services,
  };
}

function hashOf(body: unknown): string {
  return createHash('sha256').update(JSON.stringify(body)).digest('hex');
}

/** Whether the progress view calls the application completed: the one rule, applied here too. */
async function isCompleted(manager: EntityManager, application: Application): Promise<boolean> {
  const steps = await manager.find(ServiceStepRecord, {
    where: { applicationNo: application.applicationNo },
    order: { sequence: 'ASC' },
  });
  return buildProgressView(application, steps, []).status === 'completed';
}

function firstContactOf(clerk: Clerk): FirstContact {
  return { staffId: clerk.staffId, name: clerk.name };
}

function checkWindow(clerk: Clerk, window: string): void {
  if (!clerk.windows.includes(window)) {
    throw IntakeError.outsideScope(`the window ${window} is not one of yours`);
  }
}
