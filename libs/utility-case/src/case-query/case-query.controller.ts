import { Controller, Get, Param, Query, UseFilters } from '@nestjs/common';

import { StaffOnly } from '@joint/auth';

import { CaseErrorFilter } from '../case/case-error.filter';
import { CaseError } from '../case/case.error';
import { parseQueueQuery } from './case-queue.query';
import { CaseQueryService, CaseQueuePage } from './case-query.service';
import { CaseView } from './case-view';

/** The utility's staff's read of its cases: the work queue and each case's history. */
@Controller('api/cases')
@StaffOnly('utility_staff', 'supervisor')
@UseFilters(CaseErrorFilter)
export class CaseQueryController {
  constructor(private readonly cases: CaseQueryService) {}

  @Get()
  async queue(@Query() query: Record<string, unknown>): Promise<CaseQueuePage> {
    const parsed = parseQueueQuery(query);
    if (!parsed.ok) throw CaseError.invalid(parsed.errors);
    return this.cases.queue(parsed.value);
  }

  @Get(':applicationNo')
  async find(@Param('applicationNo') applicationNo: string): Promise<CaseView> {
    return this.cases.find(applicationNo);
  }
}
