import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One event a service owes Kafka, written in the transaction of the state change it reports.
 * The relay publishes rows in `id` order and stamps `published_at`.
 */
@Entity({ name: 'outbox' })
@Index('ix_outbox_unpublished', ['id'], { where: 'published_at IS NULL' })
export class OutboxMessage {
  /** bigint arrives from pg as a string, which keeps it exact. */
  @PrimaryGeneratedColumn('identity', {
    type: 'bigint',
    generatedIdentity: 'ALWAYS',
    primaryKeyConstraintName: 'pk_outbox',
  })
  id!: string;

  @Column({ type: 'text' })
  topic!: string;

  @Column({ name: 'message_key', type: 'text' })
  messageKey!: string;

  @Column({ type: 'jsonb' })
  payload!: object;

  @Column({ type: 'jsonb' })
  headers!: Record<string, string>;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;
}
