import { MigrationInterface, QueryRunner } from 'typeorm';

/** Staff accounts with their role and scopes, and their refresh tokens. */
export class CreateStaffAccounts1764800000000 implements MigrationInterface {
  name = 'CreateStaffAccounts1764800000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE staff_account (
        username text PRIMARY KEY,
        password_hash text NOT NULL,
        staff_id text NOT NULL,
        name text NOT NULL,
        role text NOT NULL,
        scopes text[] NOT NULL,
        disabled boolean NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await db.query(`
      CREATE TABLE staff_refresh_token (
        token_hash text PRIMARY KEY,
        username text NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz
      )`);
    await db.query(
      `CREATE INDEX staff_refresh_token_username_idx ON staff_refresh_token (username)`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE staff_refresh_token`);
    await db.query(`DROP TABLE staff_account`);
  }
}
