import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

import type { PermitType, Utility } from '@joint/contracts';

import { Permit } from './permit.entity';

/**
 * A utility a permit covers. The application and permit type are repeated here so that the
 * utility's earlier requests of an approval are found by index. A utility asks again after a
 * rejection, so there may be several; that only one is open is kept by the request service under
 * the application lock, as the status lives on the permit and no constraint can reach it.
 */
@Entity({ name: 'permit_utility' })
@Index('ix_permit_utility_request', ['applicationNo', 'permitType', 'utility'])
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
