import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The first answer to a submission that carried an `Idempotency-Key`, so a
 * retry gets that answer instead of a second application.
 */
@Entity({ name: 'idempotent_request' })
export class IdempotentRequest {
  @PrimaryColumn({ name: 'idempotency_key', type: 'text' })
  key!: string;

  /** SHA-256 of the body, to refuse the same key on a different form. */
  @Column({ name: 'request_hash', type: 'text' })
  requestHash!: string;

  @Column({ name: 'application_no', type: 'text' })
  applicationNo!: string;

  @Column({ type: 'jsonb' })
  response!: object;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
