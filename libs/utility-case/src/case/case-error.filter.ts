import { ArgumentsHost, Catch, ExceptionFilter, HttpStatus } from '@nestjs/common';
import type { Response } from 'express';

import { CaseError, CaseErrorCode } from './case.error';

/** Maps the case workflow's error codes to HTTP, in one place. */
@Catch(CaseError)
export class CaseErrorFilter implements ExceptionFilter<CaseError> {
  catch(error: CaseError, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const body =
      error.code === CaseErrorCode.InvalidInput
        ? { errors: error.errors }
        : { error: error.code, message: error.message };
    res.status(statusOf(error.code)).json(body);
  }
}

function statusOf(code: CaseErrorCode): HttpStatus {
  switch (code) {
    case CaseErrorCode.InvalidInput:
      return HttpStatus.BAD_REQUEST;
    case CaseErrorCode.CaseNotFound:
      return HttpStatus.NOT_FOUND;
    case CaseErrorCode.IllegalStep:
      return HttpStatus.CONFLICT;
  }
}
