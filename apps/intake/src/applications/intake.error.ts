import type { FieldError } from '@joint/contracts';

export enum IntakeErrorCode {
  InvalidInput = 'INVALID_INPUT',
  ApplicationNotFound = 'APPLICATION_NOT_FOUND',
  WrongStatus = 'WRONG_STATUS',
  IdempotencyKeyReused = 'IDEMPOTENCY_KEY_REUSED',
}

/** Every expected failure of intake; the HTTP edge maps the code to a status. */
export class IntakeError extends Error {
  constructor(
    readonly code: IntakeErrorCode,
    message: string,
    readonly errors: FieldError[] = [],
  ) {
    super(message);
  }

  static invalid(errors: FieldError[]): IntakeError {
    return new IntakeError(IntakeErrorCode.InvalidInput, 'the request has bad fields', errors);
  }

  static notFound(): IntakeError {
    return new IntakeError(IntakeErrorCode.ApplicationNotFound, 'no such application');
  }
}
