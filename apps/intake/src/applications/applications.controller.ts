import {
  Body,
  Controller,
  Headers,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  Req,
  UseFilters,
} from '@nestjs/common';
import type { Request } from 'express';

import { validatePlain } from '@joint/contracts';

import { ApplicationReceipt, ApplicationsService, RequestContext } from './applications.service';
import { IntakeError } from './intake.error';
import { IntakeErrorFilter } from './intake-error.filter';
import { AcceptanceRequest, ReturnRequest, WithdrawalRequest } from './window-decision.dto';

const KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;

@Controller('api/applications')
@UseFilters(IntakeErrorFilter)
export class ApplicationsController {
  constructor(private readonly applications: ApplicationsService) {}

  @Post()
  async submit(
    @Body() body: unknown,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Req() req: Request,
  ): Promise<ApplicationReceipt> {
    if (idempotencyKey !== undefined && !KEY_PATTERN.test(idempotencyKey)) {
      throw IntakeError.invalid([
        { field: 'Idempotency-Key', message: 'must be 1 to 200 printable ASCII characters' },
      ]);
    }
    return this.applications.submit(body, idempotencyKey, contextOf(req));
  }

  @Post(':applicationNo/acceptance')
  @HttpCode(HttpStatus.OK)
  async accept(
    @Param('applicationNo') applicationNo: string,
    @Body() body: unknown,
    @Req() req: Request,
  ): Promise<ApplicationReceipt> {
    const checked = validatePlain(AcceptanceRequest, body);
    if (!checked.ok) throw IntakeError.invalid(checked.errors);
    return this.applications.accept(applicationNo, checked.value.firstContact, contextOf(req));
  }

  @Post(':applicationNo/return')
  @HttpCode(HttpStatus.OK)
  async return(
    @Param('applicationNo') applicationNo: string,
    @Body() body: unknown,
    @Req() req: Request,
  ): Promise<ApplicationReceipt> {
    const checked = validatePlain(ReturnRequest, body);
    if (!checked.ok) throw IntakeError.invalid(checked.errors);
    const { firstContact, reasons } = checked.value;
    return this.applications.return(applicationNo, firstContact, reasons, contextOf(req));
  }

  /**
   * Withdrawal is the enterprise's own act: like the progress view, it needs
   * the contact phone from the form.
   */
  @Post(':applicationNo/withdrawal')
  @HttpCode(HttpStatus.OK)
  async withdraw(
    @Param('applicationNo') applicationNo: string,
    @Headers('x-contact-phone') contactPhone: string | undefined,
    @Body() body: unknown,
    @Req() req: Request,
  ): Promise<ApplicationReceipt> {
    const checked = validatePlain(WithdrawalRequest, body ?? {});
    if (!checked.ok) throw IntakeError.invalid(checked.errors);
    const { reason } = checked.value;
    return this.applications.withdraw(applicationNo, contactPhone, reason, contextOf(req));
  }
}

/** The correlation id the logger gave this request (from `X-Correlation-Id` or new). */
export function contextOf(req: Request): RequestContext {
  const id = (req as Request & { id?: unknown }).id;
  return { correlationId: typeof id === 'string' ? id : 'none' };
}
