import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

import type { ServiceProgressedData, ServiceStep, Utility } from '@joint/contracts';

/** What a step carries besides its name and times: specialist, works, reasons, fees. */
export type StepDetails = Omit<ServiceProgressedData, 'utility' | 'step' | 'at' | 'dueBy' | 'note'>;

/** One step a utility took, as the progress view shows it. */
@Entity({ name: 'service_step' })
@Index('ix_service_step_application', ['applicationNo', 'sequence'])
export class ServiceStepRecord {
  /** The `ServiceProgressed` event this row came from: a redelivery adds nothing. */
  @PrimaryColumn({ name: 'event_id', type: 'uuid' })
  eventId!: string;

  /** The order the aggregator applied the events in. */
  @Column({ type: 'bigint', generated: 'increment' })
  sequence!: string;

  @Column({ name: 'application_no', type: 'text' })
  applicationNo!: string;

  @Column({ type: 'text' })
  utility!: Utility;

  @Column({ type: 'text' })
  step!: ServiceStep;

  @Column({ type: 'timestamptz' })
  at!: Date;

  @Column({ name: 'due_by', type: 'timestamptz', nullable: true })
  dueBy!: Date | null;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  details!: StepDetails;
}
