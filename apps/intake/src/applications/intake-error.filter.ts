import { ArgumentsHost, Catch, ExceptionFilter, HttpStatus } from '@nestjs/common';
import type { Response } from 'express';

import { IntakeError, IntakeErrorCode } from './intake.error';

/** Maps intake's error codes to HTTP, in one place. */
@Catch(IntakeError)
export class IntakeErrorFilter implements ExceptionFilter<IntakeError> {
  catch(error: IntakeError, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const status = statusOf(error.code);
    if (error.retryAfterSeconds !== undefined) {
      res.setHeader('Retry-After', String(error.retryAfterSeconds));
    }
    if (status === HttpStatus.UNAUTHORIZED) res.setHeader('WWW-Authenticate', 'Bearer');
    const body =
      error.code === IntakeErrorCode.InvalidInput
        ? { errors: error.errors }
        : { error: error.code, message: error.message };
    res.status(status).json(body);
  }
}

function statusOf(code: IntakeErrorCode): HttpStatus {
  switch (code) {
    case IntakeErrorCode.InvalidInput:
      return HttpStatus.BAD_REQUEST;
    case IntakeErrorCode.ApplicationNotFound:
      return HttpStatus.NOT_FOUND;
    case IntakeErrorCode.WrongStatus:
      return HttpStatus.CONFLICT;
    case IntakeErrorCode.IdempotencyKeyReused:
      return HttpStatus.UNPROCESSABLE_ENTITY;
    case IntakeErrorCode.SignInNeeded:
    case IntakeErrorCode.SignInFailed:
      return HttpStatus.UNAUTHORIZED;
    case IntakeErrorCode.OutsideScope:
      return HttpStatus.FORBIDDEN;
    case IntakeErrorCode.TooManyTries:
      return HttpStatus.TOO_MANY_REQUESTS;
    case IntakeErrorCode.AccountExists:
      return HttpStatus.CONFLICT;
    case IntakeErrorCode.AccountNotFound:
      return HttpStatus.NOT_FOUND;
  }
}
