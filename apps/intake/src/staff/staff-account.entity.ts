import { Column, Entity, PrimaryColumn } from 'typeorm';

import type { StaffRole } from '@joint/auth';

/** A staff member who signs in at intake; every service trusts the token intake signs. */
@Entity({ name: 'staff_account' })
export class StaffAccount {
  @PrimaryColumn({ type: 'text' })
  username!: string;

  /** bcrypt, with its cost and salt inside. */
  @Column({ name: 'password_hash', type: 'text' })
  passwordHash!: string;

  @Column({ name: 'staff_id', type: 'text' })
  staffId!: string;

  /** Personal data. */
  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  role!: StaffRole;

  @Column({ type: 'text', array: true })
  scopes!: string[];

  @Column({ type: 'boolean' })
  disabled!: boolean;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
