import type { MigrationInterface, QueryRunner } from 'typeorm';
import { processedMessageTableSql } from '@bridge/database';

export class CreateZoomWriterStore1764400000000 implements MigrationInterface {
  name = 'CreateZoomWriterStore1764400000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE "zoom_writer"."user_link" (
      tenant_id text NOT NULL,
      scim_user_id text NOT NULL,
      zoom_user_id text NOT NULL,
      user_name text NOT NULL,
      active boolean NOT NULL,
      applied_version int NOT NULL,
      updated_at timestamptz NOT NULL,
      PRIMARY KEY (tenant_id, scim_user_id)
    )`);
    await runner.query(`CREATE UNIQUE INDEX user_link_zoom_user ON "zoom_writer"."user_link" (tenant_id, zoom_user_id)`);
    await runner.query(processedMessageTableSql('zoom_writer'));
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "zoom_writer"."processed_message"`);
    await runner.query(`DROP TABLE "zoom_writer"."user_link"`);
  }
}
