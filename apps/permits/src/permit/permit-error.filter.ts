import { ArgumentsHost, Catch, ExceptionFilter, HttpStatus } from '@nestjs/common';
import type { Response } from 'express';

import { PermitError, PermitErrorCode } from './permit.error';

/** Maps the permit office's error codes to HTTP, in one place. */
@Catch(PermitError)
export class PermitErrorFilter implements ExceptionFilter<PermitError> {
  catch(error: PermitError, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const body =
      error.code === PermitErrorCode.InvalidInput
        ? { errors: error.errors }
        : { error: error.code, message: error.message };
    res.status(statusOf(error.code)).json(body);
  }
}

function statusOf(code: PermitErrorCode): HttpStatus {
  switch (code) {
    case PermitErrorCode.InvalidInput:
      return HttpStatus.BAD_REQUEST;
    case PermitErrorCode.PermitNotFound:
      return HttpStatus.NOT_FOUND;
    case PermitErrorCode.AlreadyClosed:
      return HttpStatus.CONFLICT;
    case PermitErrorCode.OutsideDepartment:
      return HttpStatus.FORBIDDEN;
  }
}
