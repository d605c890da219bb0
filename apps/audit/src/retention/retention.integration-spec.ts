import { createLogger } from '@bridge/observability';
import type { TenantService } from '@bridge/tenancy';
import { AuditPartitions } from '../audit-store/audit-partitions.service';
import { AuditWriterService } from '../audit-store/audit-writer.service';
import { ChainVerificationService } from '../hash-chain/chain-verification.service';
import { checkpointKey } from '../hash-chain/checkpoint-key.config';
import { CheckpointRepository } from '../hash-chain/checkpoint.repository';
import { auditRecord } from '../testing/audit-record.factory';
import { createAuditTestDatabase, type AuditTestDatabase } from '../testing/audit-test-database';
import { RetentionService } from './retention.service';

const DAY_MS = 24 * 3600 * 1000;

describe('retention against PostgreSQL', () => {
  let db: AuditTestDatabase;
  let clock = new Date();
  let writer: AuditWriterService;
  let checkpoints: CheckpointRepository;
  let verification: ChainVerificationService;
  let retention: RetentionService;
  const key = checkpointKey('r'.repeat(40));

  beforeAll(async () => {
    db = await createAuditTestDatabase('audit_ret');
    const partitions = new AuditPartitions(db.writer);
    writer = new AuditWriterService(db.writer, partitions, () => clock);
    checkpoints = new CheckpointRepository(db.writer, key);
    verification = new ChainVerificationService(db.writer, checkpoints, key);
    const tenants = { directory: () => ({ get: () => undefined }) } as unknown as TenantService;
    retention = new RetentionService(db.writer, partitions, checkpoints, tenants, createLogger('ret-it', { level: 'silent' }), 3_600_000);
  }, 60_000);

  afterAll(async () => {
    await db?.drop();
  }, 60_000);

  async function appendAt(tenantId: string, daysAgo: number, count: number): Promise<void> {
    clock = new Date(Date.now() - daysAgo * DAY_MS);
    await writer.append(Array.from({ length: count }, () => auditRecord({ tenantId })));
  }

  it('drops whole expired months and leaves a chain that still verifies', async () => {
    await appendAt('old', 500, 4);
    await appendAt('old', 450, 3);
    await appendAt('old', 10, 5);
    await appendAt('old', 0, 2);
    const dropped = await retention.apply('old', 400);
    expect(dropped.length).toBeGreaterThanOrEqual(2);
    const { rows } = await db.superuser.query(`SELECT min(seq)::int AS first, count(*)::int AS n FROM audit.audit_event WHERE tenant_id = 'old'`);
    expect(rows[0]).toEqual({ first: 8, n: 7 });
    const report = await verification.verify('old');
    expect(report).toMatchObject({ intact: true, anchor: { kind: 'retention', seq: '7' }, recordsChecked: 7 });
    await appendAt('old', 0, 1);
    expect((await verification.verify('old')).intact).toBe(true);
  });

  it('refuses to drop a month inside the retention or without a retention checkpoint', async () => {
    await appendAt('young', 5, 2);
    await expect(db.writer.query(`SELECT audit.drop_expired_partition('young', now(), 400)`)).rejects.toThrow(/not past a retention/);
    await expect(db.writer.query(`SELECT audit.drop_expired_partition('young', now(), 1)`)).rejects.toThrow(/at least 30 days/);
    await appendAt('unanchored', 500, 2);
    await expect(db.writer.query(`SELECT audit.drop_expired_partition('unanchored', $1, 400)`, [new Date(Date.now() - 500 * DAY_MS).toISOString()])).rejects.toThrow(/retention checkpoint/);
  });

  it('finds a month dropped behind its back: the chain no longer starts where it should', async () => {
    await appendAt('sneaky', 500, 3);
    await appendAt('sneaky', 0, 3);
    const { rows } = await db.superuser.query(`SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
      WHERE i.inhparent = to_regclass(format('audit.%I', 'ev_' || left(md5('sneaky'), 16))) ORDER BY c.relname LIMIT 1`);
    await db.superuser.query(`DROP TABLE audit.${rows[0].relname as string}`);
    expect((await verification.verify('sneaky')).firstBroken).toMatchObject({ problem: 'missing-record', seq: '4' });
  });
});
