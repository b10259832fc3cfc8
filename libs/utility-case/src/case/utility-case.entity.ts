import { Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';

import type {
  CaseStep,
  ExternalWorks,
  FeeItem,
  GasRequest,
  PermitType,
  PowerRequest,
  Specialist,
  Utility,
  WaterRequest,
} from '@joint/contracts';

/**
 * `in_progress` while a step is pending and its clock runs; `returned` while the utility
 * waits for the enterprise's correction (the clock stops); `connected` and `withdrawn` end it.
 */
export const CASE_STATUSES = ['in_progress', 'returned', 'connected', 'withdrawn'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** This utility's section of the form, as the enterprise filled it in. */
export type UtilityRequest = PowerRequest | WaterRequest | GasRequest;

/** One permit decision the permit office published for this case. */
export interface PermitRecord {
  permitId: string;
  permitType: PermitType;
  status: string;
  at: string;
  officer?: string;
  conditions?: string;
  reason?: string;
}

/** The unique constraint that makes a redelivered acceptance open no second case. */
export const CASE_APPLICATION_NO_UNIQUE = 'uq_utility_case_application_no';

/** One utility's case for one accepted application, kept in that utility's own database. */
@Entity({ name: 'utility_case' })
@Unique(CASE_APPLICATION_NO_UNIQUE, ['applicationNo'])
@Index('ix_utility_case_queue', ['status', 'dueBy'])
export class UtilityCase {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_utility_case' })
  id!: string;

  @Column({ name: 'application_no', type: 'text' })
  applicationNo!: string;

  @Column({ type: 'text' })
  utility!: Utility;

  @Column({ type: 'text' })
  status!: CaseStatus;

  /** The profile its rules chose when it opened (`low_voltage`); its limits and fees apply. */
  @Column({ type: 'text' })
  profile!: string;

  /** The last step of the process taken. */
  @Column({ name: 'current_step', type: 'text' })
  currentStep!: CaseStep;

  /** The step the case waits for; null once connected or withdrawn. */
  @Column({ name: 'pending_step', type: 'text', nullable: true })
  pendingStep!: CaseStep | null;

  /** When the pending step's clock started; null while it is stopped. */
  @Column({ name: 'clock_started_at', type: 'timestamptz', nullable: true })
  clockStartedAt!: Date | null;

  /**
   * When the pending step is due under its committed time limit. Null while the clock is
   * stopped, and where the working calendar lacks a year the limit runs into.
   */
  @Column({ name: 'due_by', type: 'timestamptz', nullable: true })
  dueBy!: Date | null;

  /** When `overdue_warning` was owed for the pending step; reset with the pending step. */
  @Column({ name: 'warned_at', type: 'timestamptz', nullable: true })
  warnedAt!: Date | null;

  /** When `overdue` was owed for the pending step; reset with the pending step. */
  @Column({ name: 'overdue_at', type: 'timestamptz', nullable: true })
  overdueAt!: Date | null;

  @Column({ name: 'opened_at', type: 'timestamptz' })
  openedAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ type: 'jsonb' })
  request!: UtilityRequest;

  /** The fee items that apply, with their amounts, as published on `received`. */
  @Column({ type: 'jsonb' })
  fees!: FeeItem[];

  @Column({ type: 'jsonb', nullable: true })
  specialist!: Specialist | null;

  /** What the survey found; null before a survey. */
  @Column({ name: 'external_works', type: 'jsonb', nullable: true })
  externalWorks!: ExternalWorks | null;

  @Column({ name: 'contract_no', type: 'text', nullable: true })
  contractNo!: string | null;

  /** The permit types of the latest round of requests. */
  @Column({ name: 'permits_requested', type: 'text', array: true, default: () => "'{}'" })
  permitsRequested!: PermitType[];

  /** The permit types of that round granted so far. */
  @Column({ name: 'permits_granted', type: 'text', array: true, default: () => "'{}'" })
  permitsGranted!: PermitType[];

  /** Every permit decision received for the case, in order. */
  @Column({ name: 'permit_decisions', type: 'jsonb', default: () => "'[]'" })
  permitDecisions!: PermitRecord[];

  /** What the enterprise must correct while the case is returned. */
  @Column({ name: 'returned_reasons', type: 'jsonb', nullable: true })
  returnedReasons!: string[] | null;

  @Column({ name: 'enterprise_name', type: 'text' })
  enterpriseName!: string;

  @Column({ name: 'site_address', type: 'text' })
  siteAddress!: string;

  /** The `ApplicationAccepted` event that opened the case. */
  @Column({ name: 'accepted_event_id', type: 'uuid' })
  acceptedEventId!: string;

  /** The acceptance's correlation id, carried by every event of the case. */
  @Column({ name: 'correlation_id', type: 'text' })
  correlationId!: string;
}
