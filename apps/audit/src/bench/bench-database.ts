import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { auditWriterDataSourceOptions, migrateAuditStore } from '../audit-store/audit-database.config';

export const BENCH_TENANTS = Array.from({ length: 20 }, (_, index) => `bench-${String(index + 1).padStart(2, '0')}`);
export const ROWS_PER_TENANT = 500_000;
export const USERS_PER_TENANT = 20_000;
export const SPAN_DAYS = 400;
export const EVENT_TYPES = [
  'scim.request', 'user.create.requested', 'user.update.requested', 'zoom.user.sync.requested', 'zoom.user.created',
  'zoom.user.updated', 'zoom.user.sync.failed', 'mapping.rejected', 'group.member.added', 'user.deactivate.requested',
];

export async function connectBenchDatabase(url: string): Promise<{ superuser: Client; writer: DataSource }> {
  await migrateAuditStore(url);
  const superuser = new Client({ connectionString: url });
  await superuser.connect();
  const writer = new DataSource(auditWriterDataSourceOptions(url, undefined, 4));
  await writer.initialize();
  return { superuser, writer };
}

const INDEX_DDL = [
  `CREATE INDEX audit_event_chain ON audit.audit_event (tenant_id, seq)`,
  `CREATE INDEX audit_event_message ON audit.audit_event (tenant_id, id)`,
  `CREATE INDEX audit_event_type_outcome ON audit.audit_event (tenant_id, event_type, outcome, recorded_at, seq)`,
  `CREATE INDEX audit_event_correlation ON audit.audit_event (tenant_id, correlation_id)`,
  `CREATE INDEX audit_event_target_ids ON audit.audit_event USING gin (target_ids)`,
  `CREATE INDEX audit_event_target_name ON audit.audit_event (tenant_id, lower(target_name))`,
  `CREATE INDEX audit_event_actor ON audit.audit_event (tenant_id, actor_id, recorded_at)`,
];

/**
 * 10 M rows over 20 tenants and 400 days with SQL generate_series, as the owner, secondary indexes
 * dropped during the load and rebuilt after (the migration's definitions). Their hashes are
 * placeholders: chain verification is measured on a tenant written through the real writer.
 */
export async function seedBenchRows(db: Client, log: (line: string) => void): Promise<void> {
  await db.query(`SET maintenance_work_mem = '512MB'`);
  await db.query(`SET synchronous_commit = off`);
  const start = new Date(Date.now() - SPAN_DAYS * 24 * 3600 * 1000);
  for (const tenant of BENCH_TENANTS) {
    for (let month = 0; month <= Math.ceil(SPAN_DAYS / 28) + 1; month += 1) {
      await db.query(`SELECT audit.ensure_partition($1, $2)`, [tenant, new Date(start.getTime() + month * 28 * 24 * 3600 * 1000).toISOString()]);
    }
  }
  for (const ddl of INDEX_DDL) {
    await db.query(`DROP INDEX IF EXISTS audit.${ddl.split(' ')[2]}`);
  }
  const stepMs = (SPAN_DAYS * 24 * 3600 * 1000) / ROWS_PER_TENANT;
  for (const [index, tenant] of BENCH_TENANTS.entries()) {
    const began = Date.now();
    await db.query(
      `INSERT INTO audit.audit_event (id, tenant_id, seq, recorded_at, occurred_at, event_type, topic, actor_type, actor_id, target_type, target_id,
         target_name, target_ids, targets, outcome, reason, correlation_id, causation_id, details, prev_hash, hash)
       SELECT md5($1 || ':' || i)::uuid, $1, i, $2::timestamptz + i * $3::float8 * interval '1 millisecond', $2::timestamptz + i * $3::float8 * interval '1 millisecond',
         ($4::text[])[1 + i % 10], 'bench.topic.v1', 'service', 'svc-' || (i % 7), 'user', 'u-' || (i % $5), 'user' || (i % $5) || '@' || $1 || '.example.com',
         ARRAY['u-' || (i % $5)], json_build_array(json_build_object('type', 'user', 'id', 'u-' || (i % $5))),
         CASE WHEN i % 10 = 6 THEN 'failure' WHEN i % 10 = 3 THEN 'pending' WHEN i % 50 = 7 THEN 'skipped' ELSE 'success' END,
         CASE WHEN i % 10 = 6 THEN 'rate-limited: Too many requests' ELSE NULL END,
         md5('c' || i), NULL, '{"seeded":true}'::json, 'seed', 'seed'
       FROM generate_series(1, $6::int) AS i`,
      [tenant, start.toISOString(), stepMs, EVENT_TYPES, USERS_PER_TENANT, ROWS_PER_TENANT],
    );
    log(`seeded ${tenant} (${index + 1}/${BENCH_TENANTS.length}) in ${((Date.now() - began) / 1000).toFixed(1)} s`);
  }
  for (const ddl of INDEX_DDL) {
    const began = Date.now();
    await db.query(ddl);
    log(`${ddl.split(' ')[2]} built in ${((Date.now() - began) / 1000).toFixed(1)} s`);
  }
  await db.query(`ANALYZE audit.audit_event`);
}
