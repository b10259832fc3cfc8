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

import { SignedInStaff, StaffClaims, StaffOnly } from '@joint/auth';
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
  @StaffOnly('department_officer', 'supervisor')
  async list(@Query() query: unknown, @SignedInStaff() staff: StaffClaims): Promise<PermitPage> {
    const checked = validatePlain(ListPermitsQuery, query);
    if (!checked.ok) throw PermitError.invalid(checked.errors);
    return this.permits.list(checked.value, departmentsOf(staff));
  }

  @Get(':id')
  @StaffOnly('department_officer', 'supervisor')
  async get(@Param('id') id: string, @SignedInStaff() staff: StaffClaims): Promise<PermitView> {
    return this.permits.get(id, departmentsOf(staff));
  }

  @Post(':id/decision')
  @StaffOnly('department_officer')
  @HttpCode(HttpStatus.OK)
  async decide(
    @Param('id') id: string,
    @Body() body: unknown,
    @SignedInStaff() staff: StaffClaims,
  ): Promise<PermitView> {
    const checked = validatePlain(DecisionRequest, body);
    if (!checked.ok) throw PermitError.invalid(checked.errors);

    const officer = { staffId: staff.staffId, departments: staff.scopes };
    const permit = await this.decisions.decide(id, checked.value, officer);
    return this.permits.get(permit.id);
  }
}

/** An officer sees their own departments' permits; a supervisor sees every one. */
function departmentsOf(staff: StaffClaims): readonly string[] | undefined {
  return staff.role === 'department_officer' ? staff.scopes : undefined;
}
