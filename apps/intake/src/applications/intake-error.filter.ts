import { ArgumentsHost, Catch, ExceptionFilter, HttpStatus } from '@nestjs/common';
import type { Response } from 'express';

import { IntakeError, IntakeErrorCode } from './intake.error';

/** Maps intake's error codes to HTTP, in one place. */
@Catch(IntakeError)
export class IntakeErrorFilter implements ExceptionFilter<IntakeError> {
  catch(error: IntakeError, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const status = statusOf(error.code);
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
  }
}
