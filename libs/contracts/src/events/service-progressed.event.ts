import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  IsArray,
  IsBoolean,
  IsIn,
  IsISO8601,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsPositive,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';

import { PHONE_PATTERN } from '../form/application-form';
import { Utility, UTILITIES } from '../utility';
import { EventEnvelope } from './event-envelope';
import { PERMIT_TYPES, PermitType } from './permit-types';

/** The steps of a utility's case, in order; the survey-to-permit ones only with external works. */
export const CASE_STEPS = [
  'received',
  'specialist_assigned',
  'survey_done',
  'plan_confirmed',
  'permits_requested',
  'permits_granted',
  'construction_done',
  'inspection_passed',
  'connected',
] as const;

/** Steps taken only where the survey found external works. */
export const EXTERNAL_WORKS_STEPS = ['plan_confirmed', 'permits_requested', 'permits_granted'];

/**
 * What can happen to a case besides its next step. `resumed` (the
 * enterprise's correction arrived, the clock runs again) is an addition to
 * the contract's list.
 */
export const CASE_EVENTS = [
  'returned',
  'resumed',
  'withdrawn',
  'overdue_warning',
  'overdue',
] as const;

export type CaseStep = (typeof CASE_STEPS)[number];
export type CaseEvent = (typeof CASE_EVENTS)[number];
export type ServiceStep = CaseStep | CaseEvent;

/** The utility's service specialist (服务专员), the enterprise's contact. */
export class Specialist {
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  name!: string;

  /** A work phone, shown to the enterprise. */
  @IsString()
  @Matches(PHONE_PATTERN, { message: 'phone must be a mainland mobile or a landline' })
  phone!: string;
}

/** What the site survey found outside the site (外部工程). */
export class ExternalWorks {
  @IsBoolean()
  required!: boolean;

  /** The road or route the pipes or cables follow (`纬三路 东段`). */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  route?: string;

  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @IsPositive()
  lengthM?: number;

  @IsOptional()
  @IsBoolean()
  crossesRoad?: boolean;

  @IsOptional()
  @IsBoolean()
  greenLand?: boolean;

  @IsOptional()
  @IsBoolean()
  trees?: boolean;
}

/** One fee item that applies to the case, under its published standard (收费项目和标准). */
export class FeeItem {
  @IsString()
  code!: string;

  @IsString()
  name!: string;

  @IsNumber({ allowNaN: false, allowInfinity: false })
  amountYuan!: number;

  @IsString()
  standard!: string;
}

export class ServiceProgressedData {
  @IsIn(UTILITIES)
  utility!: Utility;

  @IsIn([...CASE_STEPS, ...CASE_EVENTS])
  step!: ServiceStep;

  /** When the step happened (usually `occurredAt`). */
  @IsISO8601({ strict: true })
  at!: string;

  /** When the next step is due under the utility's committed time limit. */
  @IsOptional()
  @IsISO8601({ strict: true })
  dueBy?: string;

  /** The step a warning or a return is about: the one that is due. */
  @IsOptional()
  @IsIn(CASE_STEPS)
  pendingStep?: CaseStep;

  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string;

  /** Who took the step (a staff id or name); on `specialist_assigned`, who assigned. */
  @IsOptional()
  @IsString()
  @MaxLength(64)
  actor?: string;

  /** On `specialist_assigned`. */
  @IsOptional()
  @ValidateNested()
  @Type(() => Specialist)
  specialist?: Specialist;

  /** On `survey_done`, and repeated on `permits_requested` for the permit office. */
  @IsOptional()
  @ValidateNested()
  @Type(() => ExternalWorks)
  externalWorks?: ExternalWorks;

  /** On `plan_confirmed`: the service contract signed with the enterprise. */
  @IsOptional()
  @IsString()
  @MaxLength(64)
  contractNo?: string;

  /** On `permits_requested`: the approvals the works need. */
  @IsOptional()
  @IsArray()
  @ArrayNotEmpty()
  @IsIn(PERMIT_TYPES, { each: true })
  permits?: PermitType[];

  /** On `returned`: what the enterprise must correct. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  reasons?: string[];

  /** On `received`: which of the utility's profiles the case follows (`low_voltage`). */
  @IsOptional()
  @IsString()
  @MaxLength(64)
  profile?: string;

  /** On `received`: the fee items that apply and their amounts. */
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => FeeItem)
  fees?: FeeItem[];
}

/** Published by power, water and gas for every step of a case. */
export class ServiceProgressed extends EventEnvelope<'ServiceProgressed', ServiceProgressedData> {
  @ValidateNested()
  @Type(() => ServiceProgressedData)
  declare data: ServiceProgressedData;
}
