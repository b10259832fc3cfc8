import { Controller, Get, NotFoundException, Param } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';

import { UtilityCase } from '../case/utility-case.entity';
import { CaseView, toCaseView } from './case-view';

/** The utility's own read of its cases, for its staff and tests; not the applicant's view. */
@Controller('api/cases')
export class UtilityCaseController {
  constructor(@InjectRepository(UtilityCase) private readonly cases: Repository<UtilityCase>) {}

  @Get(':applicationNo')
  async find(@Param('applicationNo') applicationNo: string): Promise<CaseView> {
    const found = await this.cases.findOneBy({ applicationNo });
    if (!found) throw new NotFoundException({ message: 'no case for this application' });
    return toCaseView(found);
  }
}
