import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

import type { CaseStep, ServiceProgressedData, ServiceStep } from '@joint/contracts';

import { UtilityCase } from './utility-case.entity';

/** What a step carried beyond its name and times: the `ServiceProgressed` data's details. */
export type StepDetails = Omit<ServiceProgressedData, 'utility' | 'step' | 'at' | 'dueBy'>;

/** One entry of a case's history: a step, a return, a warning, exactly as published. */
@Entity({ name: 'case_step' })
@Index('ix_case_step_case', ['caseId', 'id'])
export class CaseStepRecord {
  /** bigint arrives from pg as a string, which keeps it exact. */
  @PrimaryGeneratedColumn('identity', {
    type: 'bigint',
    generatedIdentity: 'ALWAYS',
    primaryKeyConstraintName: 'pk_case_step',
  })
  id!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @ManyToOne(() => UtilityCase, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'fk_case_step_case' })
  case?: UtilityCase;

  @Column({ type: 'text' })
  step!: ServiceStep;

  @Column({ type: 'timestamptz' })
  at!: Date;

  /** When the step pending after this one is due. */
  @Column({ name: 'due_by', type: 'timestamptz', nullable: true })
  dueBy!: Date | null;

  @Column({ name: 'pending_step', type: 'text', nullable: true })
  pendingStep!: CaseStep | null;

  @Column({ type: 'text', nullable: true })
  actor!: string | null;

  @Column({ type: 'jsonb' })
  details!: StepDetails;

  /** The `ServiceProgressed` event that published it. */
  @Column({ name: 'event_id', type: 'uuid' })
  eventId!: string;
}
