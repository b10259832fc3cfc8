import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';

import { PERMIT_STATES, PermitState } from '../permit/permit.entity';

/** `GET /api/permits?department=&status=&applicationNo=&page=&pageSize=` */
export class ListPermitsQuery {
  @IsOptional()
  @Matches(/^[a-z][a-z0-9_]{0,63}$/, { message: 'department must be a department code' })
  department?: string;

  @IsOptional()
  @IsIn(PERMIT_STATES)
  status?: PermitState;

  /** One application's permits, for a supervisor following it. */
  @IsOptional()
  @Matches(/^[A-Z]{1,6}-\d{8}-\d{6}$/, {
    message: 'applicationNo must look like YJ-20261204-000001',
  })
  applicationNo?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page = 1;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  pageSize = 20;
}
