import { createHash, timingSafeEqual } from 'node:crypto';

import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

import type { PermitStatus, PermitType, ServiceStep, Utility } from '@joint/contracts';

import { Application } from '../applications/application.entity';
import { IntakeError } from '../applications/intake.error';
import { PermitUpdateRecord } from './permit-update.entity';
import { ServiceStepRecord } from './service-step.entity';

export type OverallStatus =
  'submitted' | 'returned' | 'accepted' | 'in_progress' | 'completed' | 'withdrawn';

export interface StepView {
  step: ServiceStep;
  at: string;
  dueBy?: string;
  note?: string;
}

export interface ServiceView {
  status: 'waiting' | 'in_progress' | 'returned' | 'connected' | 'withdrawn';
  steps: StepView[];
}

export interface PermitView {
  permitId: string;
  type: PermitType;
  status: PermitStatus;
  at: string;
  utilities: Utility[];
  note?: string;
}

export interface ProgressView {
  applicationNo: string;
  status: OverallStatus;
  submittedAt: string;
  acceptedAt: string | null;
  returnReasons?: string[];
  enterprise: { name: string };
  services: Partial<Record<Utility, ServiceView>>;
  permits: PermitView[];
}

/** The applicant's view of an application, built from what every service published. */
@Injectable()
export class ProgressService {
  constructor(private readonly dataSource: DataSource) {}

  /** Unknown number and wrong phone look the same, so numbers cannot be probed. */
  async view(applicationNo: string, contactPhone: string | undefined): Promise<ProgressView> {
    const application = await this.dataSource.manager.findOneBy(Application, { applicationNo });
    if (!application || !samePhone(application.contactPhone, contactPhone)) {
      throw IntakeError.notFound();
    }

    const [steps, permits] = await Promise.all([
      this.dataSource.manager.find(ServiceStepRecord, {
        where: { applicationNo },
        order: { sequence: 'ASC' },
      }),
      this.dataSource.manager.find(PermitUpdateRecord, {
        where: { applicationNo },
        order: { sequence: 'ASC' },
      }),
    ]);
    return buildView(application, steps, permits);
  }
}

export function buildView(
  application: Application,
  steps: ServiceStepRecord[],
  permits: PermitUpdateRecord[],
): ProgressView {
  const services = Object.fromEntries(
    application.services.map((utility) => [
      utility,
      serviceView(steps.filter((s) => s.utility === utility)),
    ]),
  );
  return {
    applicationNo: application.applicationNo,
    status: overallStatus(application, Object.values(services)),
    submittedAt: application.submittedAt.toISOString(),
    acceptedAt: application.acceptedAt?.toISOString() ?? null,
    ...(application.returnReasons ? { returnReasons: application.returnReasons } : {}),
    enterprise: { name: application.enterpriseName },
    services,
    permits: latestPerPermit(permits),
  };
}

function serviceView(steps: ServiceStepRecord[]): ServiceView {
  const views = steps.map((s) => ({
    step: s.step,
    at: s.at.toISOString(),
    ...(s.dueBy ? { dueBy: s.dueBy.toISOString() } : {}),
    ...(s.note ? { note: s.note } : {}),
  }));
  return { status: serviceStatus(steps.map((s) => s.step)), steps: views };
}

function serviceStatus(steps: ServiceStep[]): ServiceView['status'] {
  const taken = steps.filter((s) => s !== 'overdue_warning' && s !== 'overdue');
  const last = taken[taken.length - 1];
  if (last === undefined) return 'waiting';
  if (last === 'connected' || last === 'withdrawn' || last === 'returned') return last;
  return 'in_progress';
}

function overallStatus(application: Application, services: ServiceView[]): OverallStatus {
  if (application.status !== 'accepted') return application.status;
  const finished = (s: ServiceView) => s.status === 'connected' || s.status === 'withdrawn';
  if (services.length > 0 && services.every(finished)) return 'completed';
  return services.some((s) => s.steps.length > 0) ? 'in_progress' : 'accepted';
}

/** A permit is shown once, as its latest update says. */
function latestPerPermit(updates: PermitUpdateRecord[]): PermitView[] {
  const latest = new Map<string, PermitView>();
  for (const u of updates) {
    latest.set(u.permitId, {
      permitId: u.permitId,
      type: u.permitType,
      status: u.status,
      at: u.at.toISOString(),
      utilities: u.utilities,
      ...(u.note ? { note: u.note } : {}),
    });
  }
  return [...latest.values()];
}

function samePhone(stored: string, given: string | undefined): boolean {
  if (!given) return false;
  const digest = (s: string) => createHash('sha256').update(s.replace(/\s/g, '')).digest();
  return timingSafeEqual(digest(stored), digest(given));
}
