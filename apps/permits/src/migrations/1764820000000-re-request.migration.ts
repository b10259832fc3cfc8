import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A utility may ask again for an approval that was rejected, so one (application, permit type,
 * utility) can have several rows. Whether it still holds one open is a question of the permit's
 * status, which the service answers under the application lock; the index keeps that look-up fast.
 */
export class PermitReRequest1764820000000 implements MigrationInterface {
  name = 'PermitReRequest1764820000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "permit_utility" DROP CONSTRAINT "uq_permit_utility_request"`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_permit_utility_request" ON "permit_utility" ` +
        `("application_no", "permit_type", "utility")`,
    );
  }

  /** Fails, changing nothing, once any utility has asked again after a rejection. */
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_permit_utility_request"`);
    await queryRunner.query(
      `ALTER TABLE "permit_utility" ADD CONSTRAINT "uq_permit_utility_request" ` +
        `UNIQUE ("application_no", "permit_type", "utility")`,
    );
  }
}
