import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The case workflow: a case's profile, pending step and its clock (due date, warnings), what
 * its steps found (specialist, external works, contract, permits), its fee items, and a
 * history row per step. Cases opened before this take the pending step `specialist_assigned`
 * and the profile `default`, which the service reads as the utility's default profile.
 */
export class AddCaseWorkflow1764780000000 implements MigrationInterface {
  name = 'AddCaseWorkflow1764780000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE "utility_case"
        ADD "profile" text NOT NULL DEFAULT 'default',
        ADD "pending_step" text,
        ADD "clock_started_at" TIMESTAMP WITH TIME ZONE,
        ADD "warned_at" TIMESTAMP WITH TIME ZONE,
        ADD "overdue_at" TIMESTAMP WITH TIME ZONE,
        ADD "updated_at" TIMESTAMP WITH TIME ZONE,
        ADD "fees" jsonb NOT NULL DEFAULT '[]',
        ADD "specialist" jsonb,
        ADD "external_works" jsonb,
        ADD "contract_no" text,
        ADD "permits_requested" text array NOT NULL DEFAULT '{}',
        ADD "permits_granted" text array NOT NULL DEFAULT '{}',
        ADD "permit_decisions" jsonb NOT NULL DEFAULT '[]',
        ADD "returned_reasons" jsonb,
        ADD "correlation_id" text,
        ALTER COLUMN "due_by" DROP NOT NULL`);
    await queryRunner.query(`
      UPDATE "utility_case"
         SET "pending_step" = 'specialist_assigned', "clock_started_at" = "opened_at",
             "updated_at" = "opened_at", "correlation_id" = "accepted_event_id"::text`);
    await queryRunner.query(`
      ALTER TABLE "utility_case"
        ALTER COLUMN "profile" DROP DEFAULT,
        ALTER COLUMN "fees" DROP DEFAULT,
        ALTER COLUMN "updated_at" SET NOT NULL,
        ALTER COLUMN "correlation_id" SET NOT NULL`);
    await queryRunner.query(
      `CREATE INDEX "ix_utility_case_queue" ON "utility_case" ("status", "due_by")`,
    );

    await queryRunner.query(`
      CREATE TABLE "case_step" (
        "id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
        "case_id" uuid NOT NULL,
        "step" text NOT NULL,
        "at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "due_by" TIMESTAMP WITH TIME ZONE,
        "pending_step" text,
        "actor" text,
        "details" jsonb NOT NULL,
        "event_id" uuid NOT NULL,
        CONSTRAINT "pk_case_step" PRIMARY KEY ("id"),
        CONSTRAINT "fk_case_step_case" FOREIGN KEY ("case_id")
          REFERENCES "utility_case" ("id") ON DELETE CASCADE ON UPDATE NO ACTION
      )`);
    await queryRunner.query(`CREATE INDEX "ix_case_step_case" ON "case_step" ("case_id", "id")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "case_step"`);
    await queryRunner.query(`DROP INDEX "ix_utility_case_queue"`);
    await queryRunner.query(
      `UPDATE "utility_case" SET "due_by" = "opened_at" WHERE "due_by" IS NULL`,
    );
    await queryRunner.query(`
      ALTER TABLE "utility_case"
        ALTER COLUMN "due_by" SET NOT NULL,
        DROP COLUMN "correlation_id",
        DROP COLUMN "returned_reasons",
        DROP COLUMN "permit_decisions",
        DROP COLUMN "permits_granted",
        DROP COLUMN "permits_requested",
        DROP COLUMN "contract_no",
        DROP COLUMN "external_works",
        DROP COLUMN "specialist",
        DROP COLUMN "fees",
        DROP COLUMN "updated_at",
        DROP COLUMN "overdue_at",
        DROP COLUMN "warned_at",
        DROP COLUMN "clock_started_at",
        DROP COLUMN "pending_step",
        DROP COLUMN "profile"`);
  }
}
