import { createHash } from 'node:crypto';
import { parseAuditEventQuery } from './audit-query.params';
import { auditEventsSql } from './audit-events.repository';
import { userTimelineSql } from '../user-timeline/user-timeline.repository';
import { createAuditTestDatabase, type AuditTestDatabase } from '../testing/audit-test-database';

const DAY_MS = 24 * 3600 * 1000;

describe('the audit queries use their indexes', () => {
  let db: AuditTestDatabase;
  const now = Date.now();

  beforeAll(async () => {
    db = await createAuditTestDatabase('audit_idx');
    const start = new Date(now - 60 * DAY_MS);
    for (const tenant of ['idx', 'other']) {
      for (let month = 0; month < 4; month += 1) {
        await db.superuser.query(`SELECT audit.ensure_partition($1, $2)`, [tenant, new Date(start.getTime() + month * 28 * DAY_MS).toISOString()]);
      }
      await db.superuser.query(
        `INSERT INTO audit.audit_event (id, tenant_id, seq, recorded_at, occurred_at, event_type, topic, actor_type, actor_id, target_type, target_id,
           target_name, target_ids, targets, outcome, reason, correlation_id, causation_id, details, prev_hash, hash)
         SELECT md5($1 || i)::uuid, $1, i, $2::timestamptz + i * interval '30 seconds', $2::timestamptz + i * interval '30 seconds',
           (ARRAY['scim.request','user.create.requested','zoom.user.created','zoom.user.sync.failed','mapping.rejected'])[1 + i % 5], 't', 'service', 's', 'user',
           'u-' || (i % 3000), 'user' || (i % 3000) || '@example.com', ARRAY['u-' || (i % 3000)], '[]'::json,
           CASE WHEN i % 5 = 3 THEN 'failure' ELSE 'success' END, NULL, md5('c' || i), NULL, '{}'::json, 'x', 'x'
         FROM generate_series(1, 150000) AS i`,
        [tenant, start.toISOString()],
      );
    }
    await db.superuser.query(`ANALYZE audit.audit_event`);
  }, 120_000);

  afterAll(async () => {
    await db?.drop();
  }, 60_000);

  async function plan(sql: string, params: unknown[]): Promise<string> {
    const rows: { 'QUERY PLAN': string }[] = await db.writer.query(`EXPLAIN ${sql}`, params);
    return rows.map((row) => row['QUERY PLAN']).join('\n');
  }

  it.each<[string, () => { sql: string; params: unknown[] }, RegExp]>([
    [
      'a 24-hour page',
      () => auditEventsSql('idx', parseAuditEventQuery({ since: new Date(now - 10 * DAY_MS).toISOString(), until: new Date(now - 9 * DAY_MS).toISOString() }), 101),
      /Index Scan using ev_\w+_pkey/,
    ],
    [
      'a filter on eventType and outcome over 30 days',
      () => auditEventsSql('idx', parseAuditEventQuery({ since: new Date(now - 40 * DAY_MS).toISOString(), until: new Date(now - 10 * DAY_MS).toISOString(), filter: 'eventType eq "zoom.user.sync.failed" and outcome eq "failure"' }), 101),
      /Index (Only )?Scan using ev_\w+event_type\w*/,
    ],
    ['a 90-day user timeline', () => userTimelineSql('idx', 'user42@example.com', new Date(now - 90 * DAY_MS), new Date(now)), /Bitmap Index Scan on ev_\w+target_ids\w*[\s\S]*Index Scan on ev_\w+lower_idx/],
    ['a correlation id lookup', () => auditEventsSql('idx', parseAuditEventQuery({ filter: 'transaction.id eq "abc"' }), 101), /Index Scan using ev_\w+(correlation|pkey)\w*/],
  ])('%s', async (_name, build, index) => {
    const { sql, params } = build();
    const text = await plan(sql, params);
    expect(text).toMatch(index);
    // A partition of a page or two is scanned sequentially because that is cheapest: next month's,
    // created ahead and empty, or the first month's when the seeded days start near its end
    // (a few hundred rows on the last day of a month, cost 32). No partition of any size is.
    const seqScans = text.split('\n').filter((line) => line.includes('Seq Scan'));
    expect(seqScans.filter((line) => Number(/cost=[\d.]+\.\.([\d.]+)/.exec(line)?.[1] ?? Number.POSITIVE_INFINITY) >= 100)).toEqual([]);
    // Partition pruning: the other tenant's partitions are not even in the plan.
    expect(text).not.toContain(createHash('md5').update('other').digest('hex').slice(0, 16));
  });
});
