import { Type } from 'class-transformer';
import {
  ArrayNotEmpty,
  IsArray,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

import type { PermitType } from '@joint/contracts';

/** A limit beyond this is surely a typo, not a promise. */
const MAX_WORKING_DAYS = 250;
const DEPARTMENT_CODE = /^[a-z][a-z0-9_]{0,63}$/;
const CODE_MESSAGE = 'must be a department code: lower-case letters, digits and _, up to 64';

export class DepartmentName {
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  zh!: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  en!: string;
}

/** A department that decides permits (`urban_management`, 城市管理局). */
export class Department {
  @Matches(DEPARTMENT_CODE, { message: `code ${CODE_MESSAGE}` })
  code!: string;

  @IsObject()
  @ValidateNested()
  @Type(() => DepartmentName)
  name!: DepartmentName;
}

/** The department code that decides each kind of permit; every kind must be routed. */
export class PermitRouting implements Record<PermitType, string> {
  @Matches(DEPARTMENT_CODE, { message: `planning ${CODE_MESSAGE}` })
  planning!: string;

  @Matches(DEPARTMENT_CODE, { message: `road_excavation ${CODE_MESSAGE}` })
  road_excavation!: string;

  @Matches(DEPARTMENT_CODE, { message: `road_occupation ${CODE_MESSAGE}` })
  road_occupation!: string;

  @Matches(DEPARTMENT_CODE, { message: `green_land_occupation ${CODE_MESSAGE}` })
  green_land_occupation!: string;

  @Matches(DEPARTMENT_CODE, { message: `tree_relocation ${CODE_MESSAGE}` })
  tree_relocation!: string;
}

/**
 * The permit office's settings, from `apps/permits/config/permits.json`. The defaults are the
 * seed notice's: approvals within 2 working days, external works built within 10 working days
 * of them.
 */
export class PermitsConfig {
  @IsArray()
  @ArrayNotEmpty()
  @ValidateNested({ each: true })
  @Type(() => Department)
  departments!: Department[];

  @IsObject()
  @ValidateNested()
  @Type(() => PermitRouting)
  routing!: PermitRouting;

  /** Working days a department has to decide, counted from the request. */
  @IsInt()
  @Min(1)
  @Max(MAX_WORKING_DAYS)
  decisionLimitWorkingDays = 2;

  /** Working days of a joint construction window, starting the working day after the due date. */
  @IsInt()
  @Min(1)
  @Max(MAX_WORKING_DAYS)
  jointWorksWindowWorkingDays = 10;

  /** Calendar days within which excavations on one road are shown to the department as a group. */
  @IsInt()
  @Min(0)
  @Max(366)
  sameRoadGroupingDays = 30;
}
