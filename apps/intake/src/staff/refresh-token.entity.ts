import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A refresh token, kept only as its hash; each use replaces it with a new one. */
@Entity({ name: 'staff_refresh_token' })
@Index('staff_refresh_token_username_idx', ['username'])
export class RefreshToken {
  /** SHA-256 of the token. */
  @PrimaryColumn({ name: 'token_hash', type: 'text' })
  tokenHash!: string;

  @Column({ type: 'text' })
  username!: string;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ name: 'used_at', type: 'timestamptz', nullable: true })
  usedAt!: Date | null;
}
