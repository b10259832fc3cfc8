import { Body, Controller, HttpCode, HttpStatus, Param, Post, UseFilters } from '@nestjs/common';

import { actorOf, SignedInStaff, StaffClaims, StaffOnly } from '@joint/auth';
import { Clock } from '@joint/platform';

import { CaseErrorFilter } from '../case/case-error.filter';
import { CaseSummary, toCaseSummary } from '../case-query/case-view';
import { CaseStepService } from './case-step.service';

/** The utility's staff take a case's steps, recorded under their own staff id. */
@Controller('api/cases/:applicationNo')
@StaffOnly('utility_staff')
@UseFilters(CaseErrorFilter)
export class CaseStepController {
  constructor(
    private readonly steps: CaseStepService,
    private readonly clock: Clock,
  ) {}

  @Post('specialist')
  @HttpCode(HttpStatus.OK)
  async assignSpecialist(
    @Param('applicationNo') applicationNo: string,
    @Body() body: unknown,
    @SignedInStaff() staff: StaffClaims,
  ): Promise<CaseSummary> {
    const changed = await this.steps.assignSpecialist(applicationNo, body, actorOf(staff));
    return toCaseSummary(changed, this.clock.now());
  }

  @Post('steps')
  @HttpCode(HttpStatus.OK)
  async takeStep(
    @Param('applicationNo') applicationNo: string,
    @Body() body: unknown,
    @SignedInStaff() staff: StaffClaims,
  ): Promise<CaseSummary> {
    const changed = await this.steps.takeStep(applicationNo, body, actorOf(staff));
    return toCaseSummary(changed, this.clock.now());
  }
}
