import { MigrationInterface, QueryRunner } from 'typeorm';

/** The permit office's copy of accepted applications, exactly as `PermitApplication` declares it. */
export class CreatePermitApplication1764770000000 implements MigrationInterface {
  name = 'CreatePermitApplication1764770000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "permit_application" (
        "application_no" text NOT NULL,
        "enterprise_name" text NOT NULL,
        "site_address" text NOT NULL,
        "utilities" text array NOT NULL,
        "accepted_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "accepted_event_id" uuid NOT NULL,
        CONSTRAINT "pk_permit_application" PRIMARY KEY ("application_no")
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "permit_application"`);
  }
}
