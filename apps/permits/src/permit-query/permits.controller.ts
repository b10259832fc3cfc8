import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  Query,
  UseFilters,
} from '@nestjs/common';

import { validatePlain } from '@joint/contracts';

import { DecisionRequest } from '../permit-decision/decision-request.dto';
import { PermitDecisionService } from '../permit-decision/permit-decision.service';
import { PermitError } from '../permit/permit.error';
import { PermitErrorFilter } from '../permit/permit-error.filter';
import { ListPermitsQuery } from './list-permits.query';
import { PermitPage, PermitView } from './permit.view';
import { PermitQueryService } from './permit-query.service';

/** The departments' desk: the permits to decide, and their decisions. */
@Controller('api/permits')
@UseFilters(PermitErrorFilter)
export class PermitsController {
  constructor(
    private readonly permits: PermitQueryService,
    private readonly decisions: PermitDecisionService,
  ) {}

  @Get()
  async list(@Query() query: unknown): Promise<PermitPage> {
    const checked = validatePlain(ListPermitsQuery, query);
    if (!checked.ok) throw PermitError.invalid(checked.errors);
    return this.permits.list(checked.value);
  }

  @Get(':id')
  async get(@Param('id') id: string): Promise<PermitView> {
    return this.permits.get(id);
  }

  @Post(':id/decision')
  @HttpCode(HttpStatus.OK)
  async decide(@Param('id') id: string, @Body() body: unknown): Promise<PermitView> {
    const checked = validatePlain(DecisionRequest, body);
    if (!checked.ok) throw PermitError.invalid(checked.errors);

    const permit = await this.decisions.decide(id, checked.value);
    return this.permits.get(permit.id);
  }
}
