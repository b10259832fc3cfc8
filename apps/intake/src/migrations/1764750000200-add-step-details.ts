import { MigrationInterface, QueryRunner } from 'typeorm';

/** Keeps each step's and each permit update's own data for the progress view. */
export class AddStepDetails1764750000200 implements MigrationInterface {
  name = 'AddStepDetails1764750000200';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE service_step ADD COLUMN details jsonb NOT NULL DEFAULT '{}'`);
    await db.query(`ALTER TABLE permit_update ADD COLUMN details jsonb NOT NULL DEFAULT '{}'`);
    await db.query(`ALTER TABLE application ADD COLUMN withdrawn_at timestamptz`);
    await db.query(`ALTER TABLE application ADD COLUMN withdrawal_reason text`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE application DROP COLUMN withdrawal_reason`);
    await db.query(`ALTER TABLE application DROP COLUMN withdrawn_at`);
    await db.query(`ALTER TABLE permit_update DROP COLUMN details`);
    await db.query(`ALTER TABLE service_step DROP COLUMN details`);
  }
}
