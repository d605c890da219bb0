import { randomBytes } from 'node:crypto';
import { checkpointKey } from '../hash-chain/checkpoint-key.config';
import { CheckpointRepository } from '../hash-chain/checkpoint.repository';
import { ChainVerificationService } from '../hash-chain/chain-verification.service';
import { auditRecord } from '../testing/audit-record.factory';
import { createAuditTestDatabase, type AuditTestDatabase } from '../testing/audit-test-database';
import type { NewAuditRecord } from './audit-record';
import { AuditPartitions } from './audit-partitions.service';
import { AuditWriterService, MAX_RECORDS_PER_TRANSACTION } from './audit-writer.service';

describe('the audit writer under concurrent appends', () => {
  let db: AuditTestDatabase;
  let writer: AuditWriterService;
  let verification: ChainVerificationService;
  const key = checkpointKey('k'.repeat(40));

  beforeAll(async () => {
    db = await createAuditTestDatabase();
    writer = new AuditWriterService(db.writer, new AuditPartitions(db.writer));
    verification = new ChainVerificationService(db.writer, new CheckpointRepository(db.writer, key), key);
  }, 60_000);

  afterAll(async () => {
    await db?.drop();
  }, 60_000);

  async function positions(tenantId: string): Promise<{ id: string; seq: number }[]> {
    const { rows } = await db.superuser.query(`SELECT id::text AS id, seq FROM audit.audit_event WHERE tenant_id = $1 ORDER BY seq`, [tenantId]);
    return rows.map((row: { id: string; seq: string }) => ({ id: row.id, seq: Number(row.seq) }));
  }

  it('keeps every tenant chain unbroken and each batch in order when batches of several tenants arrive together', async () => {
    const tenants = ['multi-a', 'multi-b', 'multi-c'];
    const batches = Array.from({ length: 12 }, (_, batch) => Array.from({ length: 30 }, (_, index) => auditRecord({ tenantId: tenants[(batch + index) % 3] })));
    const results = await Promise.all(batches.map((records) => writer.append(records)));
    expect(results).toEqual(batches.map(() => ({ stored: 30, duplicates: 0 })));
    for (const tenant of tenants) {
      const stored = await positions(tenant);
      expect(stored.map((row) => row.seq)).toEqual(Array.from({ length: 120 }, (_, index) => index + 1));
      const order = new Map(stored.map((row) => [row.id, row.seq]));
      for (const records of batches) {
        const mine = records.filter((record) => record.tenantId === tenant).map((record) => order.get(record.id) ?? -1);
        expect(mine).toEqual([...mine].sort((a, b) => a - b));
      }
      expect(await verification.verify(tenant)).toMatchObject({ intact: true, recordsChecked: 120 });
    }
  });

  it('stores a message once when concurrent batches all carry it, and counts it as a duplicate in the others', async () => {
    const shared = auditRecord({ tenantId: 'overlap' });
    const results = await Promise.all([
      writer.append([shared, auditRecord({ tenantId: 'overlap' })]),
      writer.append([auditRecord({ tenantId: 'overlap' }), shared]),
      writer.append([shared]),
    ]);
    expect(results.reduce((sum, result) => sum + result.stored, 0)).toBe(3);
    expect(results.reduce((sum, result) => sum + result.duplicates, 0)).toBe(2);
    // Which batch stores it depends on which reaches the database first; each batch counts every record once.
    expect(results.map((result) => result.stored + result.duplicates)).toEqual([2, 2, 1]);
    expect(await positions('overlap')).toHaveLength(3);
    expect(await verification.verify('overlap')).toMatchObject({ intact: true, recordsChecked: 3 });
  });

  it('fails only the batch the database refuses when it was written together with others', async () => {
    // A btree index entry cannot exceed about 2.7 kB: an incompressible 3.2 kB userName is refused.
    const poison = auditRecord({ tenantId: 'poison', targets: [{ type: 'user', id: 'u-big', userName: randomBytes(2_400).toString('base64') }] });
    const good = Array.from({ length: 5 }, () => [auditRecord({ tenantId: 'poison' }), auditRecord({ tenantId: 'bystander' })]);
    const outcomes = await Promise.allSettled([...good.slice(0, 2), [poison], ...good.slice(2)].map((records) => writer.append(records)));
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled', 'fulfilled']);
    expect(await positions('poison')).toHaveLength(5);
    expect(await positions('bystander')).toHaveLength(5);
    expect(await verification.verify('poison')).toMatchObject({ intact: true, recordsChecked: 5 });
  });

  it('splits a backlog larger than one transaction takes and keeps each batch in order', async () => {
    const batches: NewAuditRecord[][] = Array.from({ length: 4 }, () => Array.from({ length: MAX_RECORDS_PER_TRANSACTION / 2 + 1 }, () => auditRecord({ tenantId: 'backlog' })));
    await Promise.all(batches.map((records) => writer.append(records)));
    const stored = await positions('backlog');
    const order = new Map(stored.map((row) => [row.id, row.seq]));
    for (const records of batches) {
      const seqs = records.map((record) => order.get(record.id) ?? -1);
      expect(seqs).toEqual(Array.from({ length: records.length }, (_, index) => seqs[0] + index));
    }
    expect(await verification.verify('backlog')).toMatchObject({ intact: true, recordsChecked: batches.flat().length });
  }, 60_000);
});
