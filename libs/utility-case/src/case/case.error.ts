import type { FieldError } from '@joint/contracts';

export enum CaseErrorCode {
  /** The request has bad fields; `errors` names them. */
  InvalidInput = 'INVALID_INPUT',
  CaseNotFound = 'CASE_NOT_FOUND',
  /** The step cannot happen to the case now; the message says why. */
  IllegalStep = 'ILLEGAL_STEP',
}

/** Every expected failure of the case workflow; only the HTTP edge maps codes to statuses. */
export class CaseError extends Error {
  constructor(
    readonly code: CaseErrorCode,
    message: string,
    readonly errors: FieldError[] = [],
  ) {
    super(message);
    this.name = 'CaseError';
  }

  static invalid(errors: FieldError[]): CaseError {
    return new CaseError(CaseErrorCode.InvalidInput, 'the request has bad fields', errors);
  }

  static notFound(applicationNo: string): CaseError {
    return new CaseError(CaseErrorCode.CaseNotFound, `no case for application ${applicationNo}`);
  }

  static illegal(reason: string): CaseError {
    return new CaseError(CaseErrorCode.IllegalStep, reason);
  }
}
