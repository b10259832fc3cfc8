import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateIntakeTables1764750000100 implements MigrationInterface {
  name = 'CreateIntakeTables1764750000100';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE application (
        application_no text NOT NULL,
        status text NOT NULL,
        channel text NOT NULL,
        enterprise_name text NOT NULL,
        contact_phone text NOT NULL,
        services text[] NOT NULL,
        form jsonb NOT NULL,
        first_contact jsonb,
        return_reasons jsonb,
        submitted_at timestamptz NOT NULL,
        accepted_at timestamptz,
        returned_at timestamptz,
        CONSTRAINT pk_application PRIMARY KEY (application_no)
      )`);
    await db.query(`CREATE INDEX ix_application_status ON application (status)`);
    await db.query(`
      CREATE TABLE application_counter (
        prefix text NOT NULL,
        day date NOT NULL,
        last_value integer NOT NULL,
        CONSTRAINT pk_application_counter PRIMARY KEY (prefix, day)
      )`);
    await db.query(`
      CREATE TABLE idempotent_request (
        idempotency_key text NOT NULL,
        request_hash text NOT NULL,
        application_no text NOT NULL,
        response jsonb NOT NULL,
        created_at timestamptz NOT NULL,
        CONSTRAINT pk_idempotent_request PRIMARY KEY (idempotency_key)
      )`);
    await db.query(`
      CREATE TABLE service_step (
        event_id uuid NOT NULL,
        sequence bigserial NOT NULL,
        application_no text NOT NULL,
        utility text NOT NULL,
        step text NOT NULL,
        at timestamptz NOT NULL,
        due_by timestamptz,
        note text,
        CONSTRAINT pk_service_step PRIMARY KEY (event_id)
      )`);
    await db.query(
      `CREATE INDEX ix_service_step_application ON service_step (application_no, sequence)`,
    );
    await db.query(`
      CREATE TABLE permit_update (
        event_id uuid NOT NULL,
        sequence bigserial NOT NULL,
        application_no text NOT NULL,
        permit_id text NOT NULL,
        permit_type text NOT NULL,
        status text NOT NULL,
        utilities text[] NOT NULL,
        at timestamptz NOT NULL,
        note text,
        CONSTRAINT pk_permit_update PRIMARY KEY (event_id)
      )`);
    await db.query(
      `CREATE INDEX ix_permit_update_application ON permit_update (application_no, sequence)`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of [
      'permit_update',
      'service_step',
      'idempotent_request',
      'application_counter',
      'application',
    ]) {
      await db.query(`DROP TABLE ${table}`);
    }
  }
}
