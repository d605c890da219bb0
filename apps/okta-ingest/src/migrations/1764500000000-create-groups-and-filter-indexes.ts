import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateGroupsAndFilterIndexes1764500000000 implements MigrationInterface {
  name = 'CreateGroupsAndFilterIndexes1764500000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE "ingest"."scim_group" (
      tenant_id text NOT NULL,
      id uuid NOT NULL,
      display_name text NOT NULL,
      external_id text,
      attributes jsonb NOT NULL DEFAULT '{}'::jsonb,
      version int NOT NULL,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      PRIMARY KEY (tenant_id, id)
    )`);
    // Okta's custom apps look a group up by displayName before pushing it; the name is unique per tenant regardless of case.
    await runner.query(`CREATE UNIQUE INDEX scim_group_display_name_ci ON "ingest"."scim_group" (tenant_id, lower(display_name))`);
    await runner.query(`CREATE INDEX scim_group_paging ON "ingest"."scim_group" (tenant_id, created_at, id)`);
    await runner.query(`CREATE TABLE "ingest"."scim_group_member" (
      tenant_id text NOT NULL,
      group_id uuid NOT NULL,
      user_id uuid NOT NULL,
      PRIMARY KEY (tenant_id, group_id, user_id),
      FOREIGN KEY (tenant_id, group_id) REFERENCES "ingest"."scim_group" (tenant_id, id) ON DELETE CASCADE,
      FOREIGN KEY (tenant_id, user_id) REFERENCES "ingest"."scim_user" (tenant_id, id) ON DELETE CASCADE
    )`);
    await runner.query(`CREATE INDEX scim_group_member_user ON "ingest"."scim_group_member" (tenant_id, user_id)`);
    // Entra matches users by externalId when its matching rule says so.
    await runner.query(`CREATE INDEX scim_user_external_id ON "ingest"."scim_user" (tenant_id, external_id) WHERE external_id IS NOT NULL`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX "ingest"."scim_user_external_id"`);
    await runner.query(`DROP TABLE "ingest"."scim_group_member"`);
    await runner.query(`DROP TABLE "ingest"."scim_group"`);
  }
}
