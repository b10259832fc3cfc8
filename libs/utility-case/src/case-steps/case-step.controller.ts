import { Body, Controller, HttpCode, HttpStatus, Param, Post, UseFilters } from '@nestjs/common';
import { Clock } from '@joint/platform';

import { CaseErrorFilter } from '../case/case-error.filter';
import { CaseSummary, toCaseSummary } from '../case-query/case-view';
import { CaseStepService } from './case-step.service';

/** Staff take a case's steps; authentication comes with a later issue. */
@Controller('api/cases/:applicationNo')
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
  ): Promise<CaseSummary> {
    const changed = await this.steps.assignSpecialist(applicationNo, body);
    return toCaseSummary(changed, this.clock.now());
  }

  @Post('steps')
  @HttpCode(HttpStatus.OK)
  async takeStep(
    @Param('applicationNo') applicationNo: string,
    @Body() body: unknown,
  ): Promise<CaseSummary> {
    const changed = await this.steps.takeStep(applicationNo, body);
    return toCaseSummary(changed, this.clock.now());
  }
}
