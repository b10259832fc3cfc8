import { Type } from 'class-transformer';
import {
  ArrayNotEmpty,
  IsArray,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';

import { Utility, UTILITIES } from '../utility';
import { EventEnvelope } from './event-envelope';
import { PERMIT_TYPES, PermitType } from './permit-types';

/**
 * `cancelled` (the application was withdrawn before a decision) is an
 * addition to the contract's list.
 */
export const PERMIT_STATUSES = [
  'requested',
  'granted',
  'rejected',
  'joint_works_scheduled',
  'cancelled',
] as const;
export type PermitStatus = (typeof PERMIT_STATUSES)[number];

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** One construction window that several utilities share, so a road is opened once. */
export class JointWorks {
  /** The road to be opened. */
  @IsString()
  @MaxLength(200)
  road!: string;

  /** First and last working day of the window, as YYYY-MM-DD (China time). */
  @Matches(DAY)
  windowStart!: string;

  @Matches(DAY)
  windowEnd!: string;

  @IsArray()
  @ArrayNotEmpty()
  @IsIn(UTILITIES, { each: true })
  utilities!: Utility[];
}

export class PermitProgressedData {
  @IsString()
  permitId!: string;

  @IsIn(PERMIT_TYPES)
  permitType!: PermitType;

  @IsIn(PERMIT_STATUSES)
  status!: PermitStatus;

  @IsISO8601({ strict: true })
  at!: string;

  /** The utilities whose works this permit covers. */
  @IsArray()
  @IsIn(UTILITIES, { each: true })
  utilities!: Utility[];

  /** The deciding department's code (`urban_management`). */
  @IsOptional()
  @IsString()
  @MaxLength(64)
  department?: string;

  /** On `requested`: when the decision is due. */
  @IsOptional()
  @IsISO8601({ strict: true })
  dueBy?: string;

  /** On a decision: the officer who decided. */
  @IsOptional()
  @IsString()
  @MaxLength(64)
  officer?: string;

  /** On `granted`: conditions the works must keep. */
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  conditions?: string;

  /** On `rejected` and `cancelled`: why. */
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  reason?: string;

  /** On `joint_works_scheduled`. */
  @IsOptional()
  @ValidateNested()
  @Type(() => JointWorks)
  jointWorks?: JointWorks;

  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string;
}

/** Published by the permit office when a permit is requested or decided. */
export class PermitProgressed extends EventEnvelope<'PermitProgressed', PermitProgressedData> {
  @ValidateNested()
  @Type(() => PermitProgressedData)
  declare data: PermitProgressedData;
}
