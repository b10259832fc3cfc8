import type {
  CaseStep,
  ExternalWorks,
  FeeItem,
  PermitType,
  ServiceStep,
  Specialist,
  Utility,
} from '@joint/contracts';

import type { CaseStepRecord, StepDetails } from '../case/case-step.entity';
import type {
  CaseStatus,
  PermitRecord,
  UtilityCase,
  UtilityRequest,
} from '../case/utility-case.entity';

/** A case as the work queue lists it. */
export interface CaseSummary {
  applicationNo: string;
  utility: Utility;
  status: CaseStatus;
  profile: string;
  currentStep: CaseStep;
  pendingStep: CaseStep | null;
  dueBy: string | null;
  overdue: boolean;
  openedAt: string;
  enterpriseName: string;
  specialist: Specialist | null;
}

/** One entry of a case's history. */
export interface StepView {
  step: ServiceStep;
  at: string;
  dueBy: string | null;
  pendingStep: CaseStep | null;
  actor: string | null;
  data: StepDetails;
}

/** A case as `GET /api/cases/:applicationNo` shows it, with its whole history. */
export interface CaseView extends CaseSummary {
  clockStartedAt: string | null;
  updatedAt: string;
  siteAddress: string;
  request: UtilityRequest;
  fees: FeeItem[];
  externalWorks: ExternalWorks | null;
  contractNo: string | null;
  permits: { requested: PermitType[]; granted: PermitType[]; decisions: PermitRecord[] };
  returnedReasons: string[] | null;
  steps: StepView[];
}

export function toCaseSummary(utilityCase: UtilityCase, now: Date): CaseSummary {
  const { dueBy } = utilityCase;
  return {
    applicationNo: utilityCase.applicationNo,
    utility: utilityCase.utility,
    status: utilityCase.status,
    profile: utilityCase.profile,
    currentStep: utilityCase.currentStep,
    pendingStep: utilityCase.pendingStep,
    dueBy: dueBy?.toISOString() ?? null,
    overdue: utilityCase.status === 'in_progress' && dueBy !== null && dueBy < now,
    openedAt: utilityCase.openedAt.toISOString(),
    enterpriseName: utilityCase.enterpriseName,
    specialist: utilityCase.specialist,
  };
}

export function toCaseView(utilityCase: UtilityCase, steps: CaseStepRecord[], now: Date): CaseView {
  return {
    ...toCaseSummary(utilityCase, now),
    clockStartedAt: utilityCase.clockStartedAt?.toISOString() ?? null,
    updatedAt: utilityCase.updatedAt.toISOString(),
    siteAddress: utilityCase.siteAddress,
    request: utilityCase.request,
    fees: utilityCase.fees,
    externalWorks: utilityCase.externalWorks,
    contractNo: utilityCase.contractNo,
    permits: {
      requested: utilityCase.permitsRequested,
      granted: utilityCase.permitsGranted,
      decisions: utilityCase.permitDecisions,
    },
    returnedReasons: utilityCase.returnedReasons,
    steps: steps.map(toStepView),
  };
}

function toStepView(record: CaseStepRecord): StepView {
  return {
    step: record.step,
    at: record.at.toISOString(),
    dueBy: record.dueBy?.toISOString() ?? null,
    pendingStep: record.pendingStep,
    actor: record.actor,
    data: record.details,
  };
}
