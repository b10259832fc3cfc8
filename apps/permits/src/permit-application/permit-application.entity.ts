import { Column, Entity, PrimaryColumn } from 'typeorm';

import type { Utility } from '@joint/contracts';

/**
 * An accepted application as the permit office keeps it, for the approvals
 * the utilities will ask for on its behalf.
 */
@Entity({ name: 'permit_application' })
export class PermitApplication {
  @PrimaryColumn({
    name: 'application_no',
    type: 'text',
    primaryKeyConstraintName: 'pk_permit_application',
  })
  applicationNo!: string;

  @Column({ name: 'enterprise_name', type: 'text' })
  enterpriseName!: string;

  @Column({ name: 'site_address', type: 'text' })
  siteAddress!: string;

  /** The utilities the form asks for: the ones that may need approvals at this site. */
  @Column({ type: 'text', array: true })
  utilities!: Utility[];

  @Column({ name: 'accepted_at', type: 'timestamptz' })
  acceptedAt!: Date;

  /** The `ApplicationAccepted` event this row came from. */
  @Column({ name: 'accepted_event_id', type: 'uuid' })
  acceptedEventId!: string;
}
