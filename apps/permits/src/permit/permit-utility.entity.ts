import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';

import type { PermitType, Utility } from '@joint/contracts';

import { Permit } from './permit.entity';

/**
 * A utility a permit covers. The application and permit type are repeated here so that the
 * database itself refuses a second request of the same approval by the same utility.
 */
@Entity({ name: 'permit_utility' })
@Unique('uq_permit_utility_request', ['applicationNo', 'permitType', 'utility'])
export class PermitUtility {
  @PrimaryColumn({ name: 'permit_id', type: 'uuid', primaryKeyConstraintName: 'pk_permit_utility' })
  permitId!: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_permit_utility' })
  utility!: Utility;

  @Column({ name: 'application_no', type: 'text' })
  applicationNo!: string;

  @Column({ name: 'permit_type', type: 'text' })
  permitType!: PermitType;

  @Column({ name: 'requested_at', type: 'timestamptz' })
  requestedAt!: Date;

  /** The `permits_requested` event the utility asked in. */
  @Column({ name: 'request_event_id', type: 'uuid' })
  requestEventId!: string;

  @ManyToOne(() => Permit, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'permit_id', foreignKeyConstraintName: 'fk_permit_utility_permit' })
  permit?: Permit;
}
