import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

import type { PermitType } from '@joint/contracts';

/** Where a permit stands; `joint_works_scheduled` is an event about a permit, not a status. */
export const PERMIT_STATES = ['requested', 'granted', 'rejected', 'cancelled'] as const;
export type PermitState = (typeof PERMIT_STATES)[number];

/** The states a department can still decide from. */
export const UNDECIDED: readonly PermitState[] = ['requested'];

/**
 * A permit in these states still stands for the utilities it covers: asking for it again is a
 * repeat. A rejected or cancelled one does not, so the utility may ask anew.
 */
export const OPEN: readonly PermitState[] = ['requested', 'granted'];

/**
 * One administrative approval (行政审批) asked for one application, routed to one department.
 * A road excavation permit may cover several utilities of the application: they dig once.
 */
@Entity({ name: 'permit' })
@Index('ix_permit_application_no', ['applicationNo'])
@Index('ix_permit_department_status', ['department', 'status', 'requestedAt'])
@Index('ix_permit_type_road', ['permitType', 'road', 'requestedAt'])
export class Permit {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_permit' })
  id!: string;

  @Column({ name: 'application_no', type: 'text' })
  applicationNo!: string;

  @Column({ name: 'permit_type', type: 'text' })
  permitType!: PermitType;

  /** The deciding department's code, from the routing in the config. */
  @Column({ type: 'text' })
  department!: string;

  @Column({ type: 'text' })
  status!: PermitState;

  /** The route of the external works, trimmed and with spaces collapsed; null when not given. */
  @Column({ type: 'text', nullable: true })
  road!: string | null;

  @Column({ name: 'requested_at', type: 'timestamptz' })
  requestedAt!: Date;

  /** Null when the working calendar does not cover the limit's year yet. */
  @Column({ name: 'due_by', type: 'timestamptz', nullable: true })
  dueBy!: Date | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  officer!: string | null;

  @Column({ type: 'text', nullable: true })
  conditions!: string | null;

  /** Why it was rejected or cancelled. */
  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  /** The joint construction window of a road excavation, YYYY-MM-DD in China. */
  @Column({ name: 'window_start', type: 'date', nullable: true })
  windowStart!: string | null;

  @Column({ name: 'window_end', type: 'date', nullable: true })
  windowEnd!: string | null;

  /** Of the request that opened it; every event about the permit carries it on. */
  @Column({ name: 'correlation_id', type: 'text' })
  correlationId!: string;
}
