import { MigrationInterface, QueryRunner } from 'typeorm';

/** The cases table of a utility service, exactly as `UtilityCase` declares it. */
export class CreateUtilityCase1764760000000 implements MigrationInterface {
  name = 'CreateUtilityCase1764760000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "utility_case" (
        "id" uuid NOT NULL,
        "application_no" text NOT NULL,
        "utility" text NOT NULL,
        "status" text NOT NULL,
        "current_step" text NOT NULL,
        "due_by" TIMESTAMP WITH TIME ZONE NOT NULL,
        "opened_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "request" jsonb NOT NULL,
        "enterprise_name" text NOT NULL,
        "site_address" text NOT NULL,
        "accepted_event_id" uuid NOT NULL,
        CONSTRAINT "pk_utility_case" PRIMARY KEY ("id"),
        CONSTRAINT "uq_utility_case_application_no" UNIQUE ("application_no")
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "utility_case"`);
  }
}
