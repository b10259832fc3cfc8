import type { FieldError } from '@joint/contracts';

export enum IntakeErrorCode {
  InvalidInput = 'INVALID_INPUT',
  ApplicationNotFound = 'APPLICATION_NOT_FOUND',
  WrongStatus = 'WRONG_STATUS',
  IdempotencyKeyReused = 'IDEMPOTENCY_KEY_REUSED',
  SignInNeeded = 'SIGN_IN_NEEDED',
  SignInFailed = 'SIGN_IN_FAILED',
  OutsideScope = 'OUTSIDE_SCOPE',
  TooManyTries = 'TOO_MANY_TRIES',
  AccountExists = 'ACCOUNT_EXISTS',
  AccountNotFound = 'ACCOUNT_NOT_FOUND',
}

/** Every expected failure of intake; the HTTP edge maps the code to a status. */
export class IntakeError extends Error {
  constructor(
    readonly code: IntakeErrorCode,
    message: string,
    readonly errors: FieldError[] = [],
    /** For `TooManyTries`: when to try again. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }

  static invalid(errors: FieldError[]): IntakeError {
    return new IntakeError(IntakeErrorCode.InvalidInput, 'the request has bad fields', errors);
  }

  static notFound(): IntakeError {
    return new IntakeError(IntakeErrorCode.ApplicationNotFound, 'no such application');
  }

  static signInNeeded(why: string): IntakeError {
    return new IntakeError(IntakeErrorCode.SignInNeeded, why);
  }

  static outsideScope(why: string): IntakeError {
    return new IntakeError(IntakeErrorCode.OutsideScope, why);
  }

  static tooManyTries(retryAfterSeconds: number): IntakeError {
    const message = `too many tries; try again in ${retryAfterSeconds} s`;
    return new IntakeError(IntakeErrorCode.TooManyTries, message, [], retryAfterSeconds);
  }
}
