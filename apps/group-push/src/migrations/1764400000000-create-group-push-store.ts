import type { MigrationInterface, QueryRunner } from 'typeorm';
import { processedMessageTableSql } from '@bridge/database';

export class CreateGroupPushStore1764400000000 implements MigrationInterface {
  name = 'CreateGroupPushStore1764400000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE "group_push"."okta_group" (
      tenant_id text NOT NULL,
      scim_group_id text NOT NULL,
      display_name text NOT NULL,
      member_ids jsonb NOT NULL,
      deleted boolean NOT NULL,
      version int NOT NULL,
      updated_at timestamptz NOT NULL,
      PRIMARY KEY (tenant_id, scim_group_id)
    )`);
    await runner.query(`CREATE TABLE "group_push"."zoom_user_ref" (
      tenant_id text NOT NULL,
      scim_user_id text NOT NULL,
      zoom_user_id text NOT NULL,
      updated_at timestamptz NOT NULL,
      PRIMARY KEY (tenant_id, scim_user_id)
    )`);
    await runner.query(processedMessageTableSql('group_push'));
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "group_push"."processed_message"`);
    await runner.query(`DROP TABLE "group_push"."zoom_user_ref"`);
    await runner.query(`DROP TABLE "group_push"."okta_group"`);
  }
}
