import { Column, Entity, PrimaryColumn, Unique } from 'typeorm';

import type { CaseStep, GasRequest, PowerRequest, Utility, WaterRequest } from '@joint/contracts';

export const CASE_STATUSES = ['in_progress'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** This utility's section of the form, as the enterprise filled it in. */
export type UtilityRequest = PowerRequest | WaterRequest | GasRequest;

/** The unique constraint that makes a redelivered acceptance open no second case. */
export const CASE_APPLICATION_NO_UNIQUE = 'uq_utility_case_application_no';

/** One utility's case for one accepted application, kept in that utility's own database. */
@Entity({ name: 'utility_case' })
@Unique(CASE_APPLICATION_NO_UNIQUE, ['applicationNo'])
export class UtilityCase {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_utility_case' })
  id!: string;

  @Column({ name: 'application_no', type: 'text' })
  applicationNo!: string;

  @Column({ type: 'text' })
  utility!: Utility;

  @Column({ type: 'text' })
  status!: CaseStatus;

  /** The last step taken. */
  @Column({ name: 'current_step', type: 'text' })
  currentStep!: CaseStep;

  /** When the next step is due under the committed time limit. */
  @Column({ name: 'due_by', type: 'timestamptz' })
  dueBy!: Date;

  @Column({ name: 'opened_at', type: 'timestamptz' })
  openedAt!: Date;

  @Column({ type: 'jsonb' })
  request!: UtilityRequest;

  @Column({ name: 'enterprise_name', type: 'text' })
  enterpriseName!: string;

  @Column({ name: 'site_address', type: 'text' })
  siteAddress!: string;

  /** The `ApplicationAccepted` event that opened the case. */
  @Column({ name: 'accepted_event_id', type: 'uuid' })
  acceptedEventId!: string;
}
