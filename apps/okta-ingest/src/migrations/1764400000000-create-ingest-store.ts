import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateIngestStore1764400000000 implements MigrationInterface {
  name = 'CreateIngestStore1764400000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE "ingest"."scim_user" (
      tenant_id text NOT NULL,
      id uuid NOT NULL,
      user_name text NOT NULL,
      external_id text,
      active boolean NOT NULL,
      attributes jsonb NOT NULL,
      version int NOT NULL,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      PRIMARY KEY (tenant_id, id)
    )`);
    // userName is unique per tenant regardless of case (Okta's SPEC test looks users up in upper case).
    await runner.query(`CREATE UNIQUE INDEX scim_user_user_name_ci ON "ingest"."scim_user" (tenant_id, lower(user_name))`);
    await runner.query(`CREATE INDEX scim_user_paging ON "ingest"."scim_user" (tenant_id, created_at, id)`);
    await runner.query(`CREATE TABLE "ingest"."outbox_message" (
      seq bigserial PRIMARY KEY,
      topic text NOT NULL,
      message_key text NOT NULL,
      message jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "ingest"."outbox_message"`);
    await runner.query(`DROP TABLE "ingest"."scim_user"`);
  }
}
