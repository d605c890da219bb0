import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The durable per-tenant queue between Kafka and Zoom: intake commits the offset as soon as a
 * command is stored here, so a throttled or quarantined tenant never holds a partition. Dead
 * letters and results waiting for Kafka live beside it, written in the queue's transactions.
 */
export class CreateCommandQueue1764500000000 implements MigrationInterface {
  name = 'CreateCommandQueue1764500000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "zoom_writer"."user_link" ADD COLUMN applied_attributes jsonb`);
    await runner.query(`CREATE TABLE "zoom_writer"."user_command" (
      seq bigserial PRIMARY KEY,
      message_id uuid NOT NULL UNIQUE,
      tenant_id text NOT NULL,
      scim_user_id text NOT NULL,
      source_version int NOT NULL,
      priority smallint NOT NULL,
      message jsonb NOT NULL,
      source_partition int NOT NULL DEFAULT -1,
      source_offset text NOT NULL DEFAULT '',
      attempts int NOT NULL DEFAULT 0,
      not_before timestamptz,
      last_error text,
      enqueued_at timestamptz NOT NULL DEFAULT now()
    )`);
    await runner.query(
      `CREATE INDEX user_command_newest ON "zoom_writer"."user_command" (tenant_id, scim_user_id, source_version DESC, seq DESC)`,
    );
    await runner.query(`CREATE TABLE "zoom_writer"."dead_letter" (
      id uuid PRIMARY KEY,
      tenant_id text NOT NULL,
      scim_user_id text NOT NULL,
      message_id uuid NOT NULL,
      message jsonb NOT NULL,
      reason_code text NOT NULL,
      reason_message text NOT NULL,
      calls jsonb NOT NULL,
      attempts int NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      replayed_at timestamptz
    )`);
    await runner.query(`CREATE INDEX dead_letter_tenant ON "zoom_writer"."dead_letter" (tenant_id, created_at)`);
    await runner.query(`CREATE TABLE "zoom_writer"."outbox" (
      seq bigserial PRIMARY KEY,
      topic text NOT NULL,
      message_key text NOT NULL,
      message jsonb NOT NULL
    )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "zoom_writer"."outbox"`);
    await runner.query(`DROP TABLE "zoom_writer"."dead_letter"`);
    await runner.query(`DROP TABLE "zoom_writer"."user_command"`);
    await runner.query(`ALTER TABLE "zoom_writer"."user_link" DROP COLUMN applied_attributes`);
  }
}
