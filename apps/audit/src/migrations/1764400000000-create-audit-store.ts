import type { MigrationInterface, QueryRunner } from 'typeorm';
import { AUDIT_WRITER_ROLE } from '../audit-store/audit-writer.role';

/**
 * The audit store: one table partitioned by tenant, then by month of `recorded_at`, so a tenant's
 * expired months can be dropped whole. The service runs as `audit_writer`, which may only INSERT and
 * SELECT; partitions are created and dropped through two narrow SECURITY DEFINER functions.
 */
export class CreateAuditStore1764400000000 implements MigrationInterface {
  name = 'CreateAuditStore1764400000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE audit.audit_event (
      id uuid NOT NULL,
      tenant_id text NOT NULL,
      seq bigint NOT NULL,
      recorded_at timestamptz NOT NULL,
      occurred_at timestamptz NOT NULL,
      event_type text NOT NULL,
      topic text NOT NULL,
      actor_type text NOT NULL,
      actor_id text NOT NULL,
      target_type text,
      target_id text,
      target_name text,
      target_ids text[] NOT NULL,
      targets json NOT NULL,
      outcome text NOT NULL CHECK (outcome IN ('success', 'failure', 'skipped', 'pending')),
      reason text,
      correlation_id text NOT NULL,
      causation_id text,
      details json NOT NULL,
      prev_hash text NOT NULL,
      hash text NOT NULL,
      PRIMARY KEY (tenant_id, recorded_at, seq)
    ) PARTITION BY LIST (tenant_id)`);
    await runner.query(`CREATE INDEX audit_event_chain ON audit.audit_event (tenant_id, seq)`);
    await runner.query(`CREATE INDEX audit_event_message ON audit.audit_event (tenant_id, id)`);
    await runner.query(`CREATE INDEX audit_event_type_outcome ON audit.audit_event (tenant_id, event_type, outcome, recorded_at, seq)`);
    await runner.query(`CREATE INDEX audit_event_correlation ON audit.audit_event (tenant_id, correlation_id)`);
    await runner.query(`CREATE INDEX audit_event_target_ids ON audit.audit_event USING gin (target_ids)`);
    await runner.query(`CREATE INDEX audit_event_target_name ON audit.audit_event (tenant_id, lower(target_name))`);
    await runner.query(`CREATE INDEX audit_event_actor ON audit.audit_event (tenant_id, actor_id, recorded_at)`);

    await runner.query(`CREATE TABLE audit.checkpoint (
      id bigserial PRIMARY KEY,
      tenant_id text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('periodic', 'retention')),
      seq bigint NOT NULL,
      hash text NOT NULL,
      created_at timestamptz NOT NULL,
      key_id text NOT NULL,
      signature text NOT NULL
    )`);
    await runner.query(`CREATE INDEX checkpoint_tenant_seq ON audit.checkpoint (tenant_id, kind, seq)`);
    await runner.query(`CREATE TABLE audit.tenant_chain (tenant_id text PRIMARY KEY, created_at timestamptz NOT NULL DEFAULT now())`);

    // The record is append-only whatever role connects: edits and removals are refused at the table.
    await runner.query(`CREATE FUNCTION audit.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit records are append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    for (const table of ['audit_event', 'checkpoint', 'tenant_chain']) {
      await runner.query(`CREATE TRIGGER ${table}_no_update_delete BEFORE UPDATE OR DELETE ON audit.${table}
        FOR EACH ROW EXECUTE FUNCTION audit.refuse_change()`);
      await runner.query(`CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON audit.${table}
        FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_change()`);
    }
    await runner.query(ENSURE_PARTITION_SQL);
    await runner.query(DROP_EXPIRED_PARTITION_SQL);
    await grantWriterRole(runner);
  }

  async down(): Promise<void> {
    throw new Error('the audit store is append-only and is never migrated down');
  }
}

// Statement triggers are not inherited by partitions, so each new partition gets its own TRUNCATE guard.
const ENSURE_PARTITION_SQL = `CREATE FUNCTION audit.ensure_partition(p_tenant text, p_at timestamptz) RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, audit AS $$
  DECLARE
    tenant_table text := 'ev_' || left(md5(p_tenant), 16);
    month_start timestamptz := date_trunc('month', p_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC';
    month_table text := tenant_table || '_' || to_char(month_start AT TIME ZONE 'UTC', 'YYYYMM');
  BEGIN
    PERFORM pg_advisory_xact_lock(hashtextextended('audit.ensure_partition', 0));
    IF to_regclass(format('audit.%I', tenant_table)) IS NULL THEN
      EXECUTE format('CREATE TABLE audit.%I PARTITION OF audit.audit_event FOR VALUES IN (%L) PARTITION BY RANGE (recorded_at)', tenant_table, p_tenant);
      EXECUTE format('CREATE TRIGGER no_truncate BEFORE TRUNCATE ON audit.%I FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_change()', tenant_table);
      INSERT INTO audit.tenant_chain (tenant_id) VALUES (p_tenant) ON CONFLICT DO NOTHING;
    END IF;
    IF to_regclass(format('audit.%I', month_table)) IS NULL THEN
      EXECUTE format('CREATE TABLE audit.%I PARTITION OF audit.%I FOR VALUES FROM (%L) TO (%L)',
        month_table, tenant_table, month_start, month_start + interval '1 month');
      EXECUTE format('CREATE TRIGGER no_truncate BEFORE TRUNCATE ON audit.%I FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_change()', month_table);
    END IF;
  END $$`;

// Retention may drop only a whole month that is past the tenant's retention, and only once a signed
// retention checkpoint anchors its last record, so that what remains still verifies.
const DROP_EXPIRED_PARTITION_SQL = `CREATE FUNCTION audit.drop_expired_partition(p_tenant text, p_month_start timestamptz, p_retention_days integer)
  RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, audit AS $$
  DECLARE
    month_start timestamptz := date_trunc('month', p_month_start AT TIME ZONE 'UTC') AT TIME ZONE 'UTC';
    month_table text := 'ev_' || left(md5(p_tenant), 16) || '_' || to_char(month_start AT TIME ZONE 'UTC', 'YYYYMM');
    last_seq bigint;
  BEGIN
    IF p_retention_days < 30 THEN
      RAISE EXCEPTION 'audit retention is at least 30 days, not %', p_retention_days;
    END IF;
    IF month_start + interval '1 month' > now() - make_interval(days => p_retention_days) THEN
      RAISE EXCEPTION 'partition % is not past a retention of % days', month_table, p_retention_days;
    END IF;
    IF to_regclass(format('audit.%I', month_table)) IS NULL THEN
      RETURN;
    END IF;
    EXECUTE format('SELECT max(seq) FROM audit.%I', month_table) INTO last_seq;
    IF last_seq IS NOT NULL AND NOT EXISTS (
      SELECT 1 FROM audit.checkpoint WHERE tenant_id = p_tenant AND kind = 'retention' AND seq >= last_seq
    ) THEN
      RAISE EXCEPTION 'partition % needs a retention checkpoint at record % before it is dropped', month_table, last_seq;
    END IF;
    EXECUTE format('DROP TABLE audit.%I', month_table);
  END $$`;

async function grantWriterRole(runner: QueryRunner): Promise<void> {
  // Roles are cluster-wide: another database (or a parallel migration) may have created it already.
  await runner.query(`DO $$ BEGIN
      CREATE ROLE ${AUDIT_WRITER_ROLE} NOLOGIN;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN
      RAISE NOTICE 'role ${AUDIT_WRITER_ROLE} exists';
    END $$`);
  await runner.query(`DO $$ BEGIN
      IF NOT pg_has_role(current_user, '${AUDIT_WRITER_ROLE}', 'MEMBER') THEN
        EXECUTE format('GRANT ${AUDIT_WRITER_ROLE} TO %I', current_user);
      END IF;
    END $$`);
  await runner.query(`GRANT USAGE ON SCHEMA audit TO ${AUDIT_WRITER_ROLE}`);
  await runner.query(`GRANT SELECT, INSERT ON audit.audit_event, audit.checkpoint TO ${AUDIT_WRITER_ROLE}`);
  await runner.query(`GRANT SELECT ON audit.tenant_chain TO ${AUDIT_WRITER_ROLE}`);
  await runner.query(`GRANT USAGE ON SEQUENCE audit.checkpoint_id_seq TO ${AUDIT_WRITER_ROLE}`);
  await runner.query(`REVOKE ALL ON FUNCTION audit.ensure_partition(text, timestamptz), audit.drop_expired_partition(text, timestamptz, integer) FROM PUBLIC`);
  await runner.query(`GRANT EXECUTE ON FUNCTION audit.ensure_partition(text, timestamptz), audit.drop_expired_partition(text, timestamptz, integer) TO ${AUDIT_WRITER_ROLE}`);
}
