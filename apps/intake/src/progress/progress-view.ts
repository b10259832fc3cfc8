import type {
  CaseStep,
  ExternalWorks,
  FeeItem,
  JointWorks,
  PermitStatus,
  PermitType,
  ServiceStep,
  Specialist,
  Utility,
} from '@joint/contracts';

import { Application } from '../applications/application.entity';
import { PermitUpdateRecord } from './permit-update.entity';
import { ServiceStepRecord, StepDetails } from './service-step.entity';

export type OverallStatus =
  'submitted' | 'returned' | 'accepted' | 'in_progress' | 'completed' | 'withdrawn';

export type ServiceStatus = 'waiting' | 'in_progress' | 'returned' | 'connected' | 'withdrawn';

export type StepView = { step: ServiceStep; at: string; dueBy?: string; note?: string } & Omit<
  StepDetails,
  'fees'
>;

export interface WarningView {
  kind: 'overdue_warning' | 'overdue';
  pendingStep?: CaseStep;
  at: string;
  dueBy?: string;
}

export interface ServiceView {
  status: ServiceStatus;
  /** The utility's track for this case (`low_voltage`, `dual_supply`), with its own limits. */
  profile?: string;
  /** When the step the utility is working on now is due. */
  dueBy?: string;
  specialist?: Specialist;
  externalWorks?: ExternalWorks;
  contractNo?: string;
  fees?: FeeItem[];
  returnReasons?: string[];
  steps: StepView[];
  warnings: WarningView[];
}

export interface PermitView {
  permitId: string;
  type: PermitType;
  status: Exclude<PermitStatus, 'joint_works_scheduled'>;
  at: string;
  utilities: Utility[];
  department?: string;
  dueBy?: string;
  officer?: string;
  conditions?: string;
  reason?: string;
}

export interface JointWorksView extends JointWorks {
  permitId: string;
}

export interface ProgressView {
  applicationNo: string;
  status: OverallStatus;
  submittedAt: string;
  acceptedAt: string | null;
  withdrawnAt?: string;
  returnReasons?: string[];
  enterprise: { name: string };
  services: Partial<Record<Utility, ServiceView>>;
  permits: PermitView[];
  jointWorks: JointWorksView[];
}

const WARNINGS: readonly ServiceStep[] = ['overdue_warning', 'overdue'];

/** The applicant's view, built from the application and every step projected so far. */
export function buildProgressView(
  application: Application,
  steps: ServiceStepRecord[],
  permitUpdates: PermitUpdateRecord[],
): ProgressView {
  const services = Object.fromEntries(
    application.services.map((u) => [u, serviceView(steps.filter((s) => s.utility === u))]),
  );
  return {
    applicationNo: application.applicationNo,
    status: overallStatus(application, Object.values(services)),
    submittedAt: application.submittedAt.toISOString(),
    acceptedAt: application.acceptedAt?.toISOString() ?? null,
    ...(application.withdrawnAt ? { withdrawnAt: application.withdrawnAt.toISOString() } : {}),
    ...(application.returnReasons ? { returnReasons: application.returnReasons } : {}),
    enterprise: { name: application.enterpriseName },
    services,
    permits: permitViews(permitUpdates),
    jointWorks: jointWorksViews(permitUpdates),
  };
}

function serviceView(records: ServiceStepRecord[]): ServiceView {
  const taken = records.filter((r) => !WARNINGS.includes(r.step));
  const status = serviceStatus(taken);
  const last = taken[taken.length - 1];
  const details = Object.assign({}, ...taken.map((r) => r.details)) as StepDetails;
  const open = status === 'in_progress' || status === 'waiting';
  return {
    status,
    ...(details.profile ? { profile: details.profile } : {}),
    ...(open && last?.dueBy ? { dueBy: last.dueBy.toISOString() } : {}),
    ...(details.specialist ? { specialist: details.specialist } : {}),
    ...(details.externalWorks ? { externalWorks: details.externalWorks } : {}),
    ...(details.contractNo ? { contractNo: details.contractNo } : {}),
    ...(details.fees ? { fees: details.fees } : {}),
    ...(status === 'returned' && last.details.reasons
      ? { returnReasons: last.details.reasons }
      : {}),
    steps: taken.map(stepView),
    warnings: records.filter((r) => WARNINGS.includes(r.step)).map(warningView),
  };
}

function stepView(record: ServiceStepRecord): StepView {
  const { fees: _fees, ...details } = record.details;
  return {
    step: record.step,
    at: record.at.toISOString(),
    ...(record.dueBy ? { dueBy: record.dueBy.toISOString() } : {}),
    ...(record.note ? { note: record.note } : {}),
    ...details,
  };
}

function warningView(record: ServiceStepRecord): WarningView {
  return {
    kind: record.step as WarningView['kind'],
    ...(record.details.pendingStep ? { pendingStep: record.details.pendingStep } : {}),
    at: record.at.toISOString(),
    ...(record.dueBy ? { dueBy: record.dueBy.toISOString() } : {}),
  };
}

function serviceStatus(taken: ServiceStepRecord[]): ServiceStatus {
  const last = taken[taken.length - 1]?.step;
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

/** Each permit once, as its updates so far say; scheduling a joint window is not a decision. */
function permitViews(updates: PermitUpdateRecord[]): PermitView[] {
  const permits = new Map<string, PermitView>();
  for (const u of updates) {
    if (u.status === 'joint_works_scheduled') continue;
    const { jointWorks: _jointWorks, ...details } = u.details;
    permits.set(u.permitId, {
      ...permits.get(u.permitId),
      ...details,
      permitId: u.permitId,
      type: u.permitType,
      status: u.status,
      at: u.at.toISOString(),
      utilities: u.utilities,
    });
  }
  return [...permits.values()];
}

function jointWorksViews(updates: PermitUpdateRecord[]): JointWorksView[] {
  const windows = new Map<string, JointWorksView>();
  for (const u of updates) {
    if (u.details.jointWorks)
      windows.set(u.permitId, { permitId: u.permitId, ...u.details.jointWorks });
  }
  return [...windows.values()];
}
