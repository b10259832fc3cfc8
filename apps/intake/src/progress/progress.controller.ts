import { Controller, Get, Headers, Param, Req, UseFilters } from '@nestjs/common';
import type { Request } from 'express';

import { ApplicantOnly, OptionalStaff, StaffClaims } from '@joint/auth';

import { AccessLimits } from '../access-limits/access-limits.service';
import { clientOf } from '../access-limits/client-of';
import { IntakeErrorFilter } from '../applications/intake-error.filter';
import { ProgressView } from './progress-view';
import { ProgressService } from './progress.service';

@Controller('api/applications')
@UseFilters(IntakeErrorFilter)
export class ProgressController {
  constructor(
    private readonly progress: ProgressService,
    private readonly limits: AccessLimits,
  ) {}

  /**
   * The enterprise proves it is theirs with the contact phone from the form.
   * Wrong tries are limited per number and per client, so numbers cannot be walked.
   * A signed-in supervisor, who watches the whole flow, reads any without the phone.
   */
  @Get(':applicationNo/progress')
  @ApplicantOnly()
  async view(
    @Param('applicationNo') applicationNo: string,
    @Headers('x-contact-phone') contactPhone: string | undefined,
    @OptionalStaff() staff: StaffClaims | undefined,
    @Req() req: Request,
  ): Promise<ProgressView> {
    if (staff?.role === 'supervisor') return this.progress.view(applicationNo, { anyPhone: true });
    return this.limits.applicant(applicationNo, clientOf(req), () =>
      this.progress.view(applicationNo, { contactPhone }),
    );
  }
}
