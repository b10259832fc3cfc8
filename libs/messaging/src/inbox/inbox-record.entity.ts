import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * An event a consumer group has applied, written in the transaction that applied it,
 * so a redelivered event is recognised and skipped.
 */
@Entity({ name: 'inbox' })
export class InboxRecord {
  @PrimaryColumn({ name: 'event_id', type: 'uuid', primaryKeyConstraintName: 'pk_inbox' })
  eventId!: string;

  @PrimaryColumn({ name: 'consumer_group', type: 'text', primaryKeyConstraintName: 'pk_inbox' })
  consumerGroup!: string;

  @Column({ type: 'text' })
  topic!: string;

  @Column({ type: 'int' })
  partition!: number;

  /** bigint arrives from pg as a string, which keeps it exact. */
  @Column({ type: 'bigint' })
  offset!: string;

  @Column({ name: 'applied_at', type: 'timestamptz', default: () => 'now()' })
  appliedAt!: Date;
}
