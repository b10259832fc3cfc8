import type { Utility } from '@joint/contracts';

import type { CaseStatus, UtilityCase, UtilityRequest } from '../case/utility-case.entity';

/** A case as `GET /api/cases/:applicationNo` shows it. */
export interface CaseView {
  applicationNo: string;
  utility: Utility;
  status: CaseStatus;
  currentStep: string;
  dueBy: string;
  openedAt: string;
  enterpriseName: string;
  siteAddress: string;
  request: UtilityRequest;
}

export function toCaseView(utilityCase: UtilityCase): CaseView {
  return {
    applicationNo: utilityCase.applicationNo,
    utility: utilityCase.utility,
    status: utilityCase.status,
    currentStep: utilityCase.currentStep,
    dueBy: utilityCase.dueBy.toISOString(),
    openedAt: utilityCase.openedAt.toISOString(),
    enterpriseName: utilityCase.enterpriseName,
    siteAddress: utilityCase.siteAddress,
    request: utilityCase.request,
  };
}
