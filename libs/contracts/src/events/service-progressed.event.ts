import { Type } from 'class-transformer';
import { IsIn, IsISO8601, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';

import { Utility, UTILITIES } from '../utility';
import { EventEnvelope } from './event-envelope';

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

/** What can happen to a case besides its next step. */
export const CASE_EVENTS = ['returned', 'withdrawn', 'overdue_warning', 'overdue'] as const;

export type CaseStep = (typeof CASE_STEPS)[number];
export type ServiceStep = CaseStep | (typeof CASE_EVENTS)[number];

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

  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string;
}

/** Published by power, water and gas for every step of a case. */
export class ServiceProgressed extends EventEnvelope<'ServiceProgressed', ServiceProgressedData> {
  @ValidateNested()
  @Type(() => ServiceProgressedData)
  declare data: ServiceProgressedData;
}
