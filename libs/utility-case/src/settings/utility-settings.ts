import { Type } from 'class-transformer';
import { IsIn, IsInt, IsObject, Max, Min, ValidateNested } from 'class-validator';

import { Utility, UTILITIES } from '@joint/contracts';

/** A committed time limit beyond this is surely a typo, not a promise. */
const MAX_LIMIT_WORKING_DAYS = 250;

/** Committed time limits (承诺时限) in working days. */
export class UtilityLimits {
  /** From `received` to the next step, assigning a service specialist. */
  @IsInt()
  @Min(0)
  @Max(MAX_LIMIT_WORKING_DAYS)
  receivedToNextStepWorkingDays!: number;
}

/**
 * What differs between power, water and gas. Each utility keeps its own in
 * `apps/<utility>/config/<utility>.json`.
 */
export class UtilitySettings {
  @IsIn(UTILITIES)
  utility!: Utility;

  @IsObject()
  @ValidateNested()
  @Type(() => UtilityLimits)
  limits!: UtilityLimits;
}
