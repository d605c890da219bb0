import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateAuditStore1764400000000 implements MigrationInterface {
  name = 'CreateAuditStore1764400000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE "audit"."audit_event" (
      id uuid PRIMARY KEY,
      seq bigserial NOT NULL UNIQUE,
      tenant_id text NOT NULL,
      occurred_at timestamptz NOT NULL,
      recorded_at timestamptz NOT NULL DEFAULT now(),
      event_type text NOT NULL,
      topic text NOT NULL,
      actor_type text NOT NULL,
      actor_id text NOT NULL,
      target_type text,
      target_id text,
      target_name text,
      outcome text NOT NULL,
      reason text,
      correlation_id text NOT NULL,
      causation_id text,
      details jsonb NOT NULL
    )`);
    await runner.query(`CREATE INDEX audit_event_tenant_time ON "audit"."audit_event" (tenant_id, occurred_at, seq)`);
    await runner.query(`CREATE INDEX audit_event_tenant_target ON "audit"."audit_event" (tenant_id, target_id, occurred_at)`);
    await runner.query(`CREATE INDEX audit_event_correlation ON "audit"."audit_event" (tenant_id, correlation_id)`);
    // The record is append-only whatever role connects: edits and removals are refused at the table.
    await runner.query(`CREATE FUNCTION "audit".refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit records are append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await runner.query(`CREATE TRIGGER audit_event_no_update_delete BEFORE UPDATE OR DELETE ON "audit"."audit_event"
      FOR EACH ROW EXECUTE FUNCTION "audit".refuse_change()`);
    await runner.query(`CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON "audit"."audit_event"
      FOR EACH STATEMENT EXECUTE FUNCTION "audit".refuse_change()`);
  }

  async down(): Promise<void> {
    throw new Error('the audit store is append-only and is never migrated down');
  }
}
