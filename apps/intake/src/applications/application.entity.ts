import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

import type { ApplicationForm, Channel, FirstContact, Utility } from '@joint/contracts';

export const APPLICATION_STATUSES = ['submitted', 'returned', 'accepted', 'withdrawn'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/** One joint application as intake keeps it: the form and where it stands at the window. */
@Entity({ name: 'application' })
@Index('ix_application_status', ['status'])
export class Application {
  /** Readable, unique, and sorts by time: `YJ-20261203-000123`. */
  @PrimaryColumn({ name: 'application_no', type: 'text' })
  applicationNo!: string;

  @Column({ type: 'text' })
  status!: ApplicationStatus;

  @Column({ type: 'text' })
  channel!: Channel;

  @Column({ name: 'enterprise_name', type: 'text' })
  enterpriseName!: string;

  /** Personal data; checked by the progress view, never logged. */
  @Column({ name: 'contact_phone', type: 'text' })
  contactPhone!: string;

  @Column({ type: 'text', array: true })
  services!: Utility[];

  /** The whole form as submitted. */
  @Column({ type: 'jsonb' })
  form!: ApplicationForm;

  @Column({ name: 'first_contact', type: 'jsonb', nullable: true })
  firstContact!: FirstContact | null;

  @Column({ name: 'return_reasons', type: 'jsonb', nullable: true })
  returnReasons!: string[] | null;

  @Column({ name: 'submitted_at', type: 'timestamptz' })
  submittedAt!: Date;

  @Column({ name: 'accepted_at', type: 'timestamptz', nullable: true })
  acceptedAt!: Date | null;

  @Column({ name: 'returned_at', type: 'timestamptz', nullable: true })
  returnedAt!: Date | null;

  @Column({ name: 'withdrawn_at', type: 'timestamptz', nullable: true })
  withdrawnAt!: Date | null;

  @Column({ name: 'withdrawal_reason', type: 'text', nullable: true })
  withdrawalReason!: string | null;
}
