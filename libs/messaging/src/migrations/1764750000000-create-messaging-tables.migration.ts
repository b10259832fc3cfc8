import { MigrationInterface, QueryRunner } from 'typeorm';

/** The outbox and inbox tables, exactly as `OutboxMessage` and `InboxRecord` declare them. */
export class CreateMessagingTables1764750000000 implements MigrationInterface {
  name = 'CreateMessagingTables1764750000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "outbox" (
        "id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
        "topic" text NOT NULL,
        "message_key" text NOT NULL,
        "payload" jsonb NOT NULL,
        "headers" jsonb NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "published_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "pk_outbox" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(
      `CREATE INDEX "ix_outbox_unpublished" ON "outbox" ("id") WHERE published_at IS NULL`,
    );
    await queryRunner.query(`
      CREATE TABLE "inbox" (
        "event_id" uuid NOT NULL,
        "consumer_group" text NOT NULL,
        "topic" text NOT NULL,
        "partition" integer NOT NULL,
        "offset" bigint NOT NULL,
        "applied_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "pk_inbox" PRIMARY KEY ("event_id", "consumer_group")
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "inbox"`);
    await queryRunner.query(`DROP INDEX "ix_outbox_unpublished"`);
    await queryRunner.query(`DROP TABLE "outbox"`);
  }
}
