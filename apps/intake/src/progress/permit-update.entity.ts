import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

import type { PermitProgressedData, PermitStatus, PermitType, Utility } from '@joint/contracts';

/** A permit update's decision data: department, officer, conditions, reason, joint works. */
export type PermitDetails = Omit<
  PermitProgressedData,
  'permitId' | 'permitType' | 'status' | 'at' | 'utilities' | 'note'
>;

/** One `PermitProgressed` event, as the progress view shows it. */
@Entity({ name: 'permit_update' })
@Index('ix_permit_update_application', ['applicationNo', 'sequence'])
export class PermitUpdateRecord {
  @PrimaryColumn({ name: 'event_id', type: 'uuid' })
  eventId!: string;

  @Column({ type: 'bigint', generated: 'increment' })
  sequence!: string;

  @Column({ name: 'application_no', type: 'text' })
  applicationNo!: string;

  @Column({ name: 'permit_id', type: 'text' })
  permitId!: string;

  @Column({ name: 'permit_type', type: 'text' })
  permitType!: PermitType;

  @Column({ type: 'text' })
  status!: PermitStatus;

  @Column({ type: 'text', array: true })
  utilities!: Utility[];

  @Column({ type: 'timestamptz' })
  at!: Date;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  details!: PermitDetails;
}
