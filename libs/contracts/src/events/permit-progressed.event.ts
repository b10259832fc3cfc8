import { Type } from 'class-transformer';
import {
  IsArray,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';

import { Utility, UTILITIES } from '../utility';
import { EventEnvelope } from './event-envelope';

/** The administrative approvals external works can need (行政审批). */
export const PERMIT_TYPES = [
  'planning',
  'road_excavation',
  'road_occupation',
  'green_land_occupation',
  'tree_relocation',
] as const;
export type PermitType = (typeof PERMIT_TYPES)[number];

export const PERMIT_STATUSES = [
  'requested',
  'granted',
  'rejected',
  'joint_works_scheduled',
] as const;
export type PermitStatus = (typeof PERMIT_STATUSES)[number];

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
