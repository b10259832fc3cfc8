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

import {
  ApplicantOnly,
  OptionalStaff,
  Public,
  SignedInStaff,
  StaffClaims,
  StaffOnly,
} from '@joint/auth';
import { isHallChannel, validatePlain } from '@joint/contracts';

import { AccessLimits } from '../access-limits/access-limits.service';
import { clientOf } from '../access-limits/client-of';
import {
  ApplicationReceipt,
  ApplicationsService,
  Clerk,
  RequestContext,
} from './applications.service';
import { IntakeError } from './intake.error';
import { IntakeErrorFilter } from './intake-error.filter';
import { AcceptanceRequest, ReturnRequest, WithdrawalRequest } from './window-decision.dto';

const KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;

@Controller('api/applications')
@UseFilters(IntakeErrorFilter)
export class ApplicationsController {
  constructor(
    private readonly applications: ApplicationsService,
    private readonly limits: AccessLimits,
  ) {}

  /**
   * Online, anyone may submit (a limited number a minute per client); at a
   * hall the window clerk signs in and is recorded as the first contact.
   */
  @Post()
  @Public()
  async submit(
    @Body() body: unknown,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @OptionalStaff() staff: StaffClaims | undefined,
    @Req() req: Request,
  ): Promise<ApplicationReceipt> {
    if (idempotencyKey !== undefined && !KEY_PATTERN.test(idempotencyKey)) {
      throw IntakeError.invalid([
        { field: 'Idempotency-Key', message: 'must be 1 to 200 printable ASCII characters' },
      ]);
    }
    const clerk = staff && clerkOf(staff);
    if (isHallChannel(channelOf(body)) && !clerk) {
      throw staff
        ? IntakeError.outsideScope('only a window clerk enters forms at a hall')
        : IntakeError.signInNeeded('a form entered at a hall needs the clerk signed in');
    }
    if (!clerk) await this.limits.submission(clientOf(req));
    return this.applications.submit(body, idempotencyKey, contextOf(req), clerk);
  }

  @Post(':applicationNo/acceptance')
  @StaffOnly('window_clerk')
  @HttpCode(HttpStatus.OK)
  async accept(
    @Param('applicationNo') applicationNo: string,
    @Body() body: unknown,
    @SignedInStaff() staff: StaffClaims,
    @Req() req: Request,
  ): Promise<ApplicationReceipt> {
    const checked = validatePlain(AcceptanceRequest, body ?? {});
    if (!checked.ok) throw IntakeError.invalid(checked.errors);
    return this.applications.accept(applicationNo, windowClerk(staff), contextOf(req));
  }

  @Post(':applicationNo/return')
  @StaffOnly('window_clerk')
  @HttpCode(HttpStatus.OK)
  async return(
    @Param('applicationNo') applicationNo: string,
    @Body() body: unknown,
    @SignedInStaff() staff: StaffClaims,
    @Req() req: Request,
  ): Promise<ApplicationReceipt> {
    const checked = validatePlain(ReturnRequest, body);
    if (!checked.ok) throw IntakeError.invalid(checked.errors);
    const { reasons } = checked.value;
    return this.applications.return(applicationNo, windowClerk(staff), reasons, contextOf(req));
  }

  /**
   * Withdrawal is the enterprise's own act: like the progress view, it needs
   * the contact phone from the form, with wrong tries limited.
   */
  @Post(':applicationNo/withdrawal')
  @ApplicantOnly()
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
    return this.limits.applicant(applicationNo, clientOf(req), () =>
      this.applications.withdraw(applicationNo, contactPhone, reason, contextOf(req)),
    );
  }
}

/** The correlation id the logger gave this request (from `X-Correlation-Id` or new). */
export function contextOf(req: Request): RequestContext {
  const id = (req as Request & { id?: unknown }).id;
  return { correlationId: typeof id === 'string' ? id : 'none' };
}

function channelOf(body: unknown): unknown {
  return typeof body === 'object' && body !== null
    ? (body as { channel?: unknown }).channel
    : undefined;
}

function clerkOf(staff: StaffClaims): Clerk | undefined {
  if (staff.role !== 'window_clerk') return undefined;
  return { staffId: staff.staffId, name: staff.name, windows: staff.scopes };
}

function windowClerk(staff: StaffClaims): Clerk {
  const clerk = clerkOf(staff);
  if (!clerk) throw IntakeError.outsideScope('only a window clerk accepts or returns');
  return clerk;
}
