import type { FieldError } from '@joint/contracts';

export enum PermitErrorCode {
  InvalidInput = 'INVALID_INPUT',
  PermitNotFound = 'PERMIT_NOT_FOUND',
  AlreadyClosed = 'PERMIT_ALREADY_CLOSED',
  OutsideDepartment = 'OUTSIDE_DEPARTMENT',
}

/** Every expected failure of the permit office; the HTTP edge maps the code to a status. */
export class PermitError extends Error {
  constructor(
    readonly code: PermitErrorCode,
    message: string,
    readonly errors: FieldError[] = [],
  ) {
    super(message);
    this.name = 'PermitError';
  }

  static invalid(errors: FieldError[]): PermitError {
    return new PermitError(PermitErrorCode.InvalidInput, 'the request has bad fields', errors);
  }

  static notFound(): PermitError {
    return new PermitError(PermitErrorCode.PermitNotFound, 'no such permit');
  }

  static outsideDepartment(department: string): PermitError {
    return new PermitError(
      PermitErrorCode.OutsideDepartment,
      `the permit belongs to ${department}, which is not one of your departments`,
    );
  }

  static alreadyClosed(status: string): PermitError {
    return new PermitError(PermitErrorCode.AlreadyClosed, `the permit is already ${status}`);
  }
}
