import { MigrationInterface, QueryRunner } from 'typeorm';

/** Permits and the utilities each covers, exactly as `Permit` and `PermitUtility` declare them. */
export class CreatePermits1764780000000 implements MigrationInterface {
  name = 'CreatePermits1764780000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "permit" (
        "id" uuid NOT NULL,
        "application_no" text NOT NULL,
        "permit_type" text NOT NULL,
        "department" text NOT NULL,
        "status" text NOT NULL,
        "road" text,
        "requested_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "due_by" TIMESTAMP WITH TIME ZONE,
        "decided_at" TIMESTAMP WITH TIME ZONE,
        "officer" text,
        "conditions" text,
        "reason" text,
        "window_start" date,
        "window_end" date,
        "correlation_id" text NOT NULL,
        CONSTRAINT "pk_permit" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(
      `CREATE INDEX "ix_permit_application_no" ON "permit" ("application_no")`,
    );
    // The departments' desk: their permits by status, oldest request first.
    await queryRunner.query(
      `CREATE INDEX "ix_permit_department_status" ON "permit" ("department", "status", "requested_at")`,
    );
    // Same-road groups: the excavations on a road, in request order.
    await queryRunner.query(
      `CREATE INDEX "ix_permit_type_road" ON "permit" ("permit_type", "road", "requested_at")`,
    );
    await queryRunner.query(`
      CREATE TABLE "permit_utility" (
        "permit_id" uuid NOT NULL,
        "utility" text NOT NULL,
        "application_no" text NOT NULL,
        "permit_type" text NOT NULL,
        "requested_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "request_event_id" uuid NOT NULL,
        CONSTRAINT "pk_permit_utility" PRIMARY KEY ("permit_id", "utility"),
        CONSTRAINT "uq_permit_utility_request" UNIQUE ("application_no", "permit_type", "utility"),
        CONSTRAINT "fk_permit_utility_permit" FOREIGN KEY ("permit_id")
          REFERENCES "permit" ("id") ON DELETE CASCADE ON UPDATE NO ACTION
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "permit_utility"`);
    await queryRunner.query(`DROP TABLE "permit"`);
  }
}
