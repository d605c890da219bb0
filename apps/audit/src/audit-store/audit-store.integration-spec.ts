import { checkpointKey } from '../hash-chain/checkpoint-key.config';
import { CheckpointRepository } from '../hash-chain/checkpoint.repository';
import { ChainVerificationService } from '../hash-chain/chain-verification.service';
import { auditRecord } from '../testing/audit-record.factory';
import { createAuditTestDatabase, type AuditTestDatabase } from '../testing/audit-test-database';
import { AuditPartitions } from './audit-partitions.service';
import { AuditWriterService } from './audit-writer.service';

describe('the audit store against PostgreSQL', () => {
  let db: AuditTestDatabase;
  let writer: AuditWriterService;
  let checkpoints: CheckpointRepository;
  let verification: ChainVerificationService;
  const key = checkpointKey('k'.repeat(40));

  beforeAll(async () => {
    db = await createAuditTestDatabase();
    writer = new AuditWriterService(db.writer, new AuditPartitions(db.writer));
    checkpoints = new CheckpointRepository(db.writer, key);
    verification = new ChainVerificationService(db.writer, checkpoints, key);
  }, 60_000);

  afterAll(async () => {
    await db?.drop();
  }, 60_000);

  async function seedTenant(tenantId: string, count: number): Promise<void> {
    await writer.append(Array.from({ length: count }, () => auditRecord({ tenantId })));
  }

  async function tamper(sql: string, params: unknown[] = []): Promise<void> {
    // An attacker with superuser rights switches triggers off first.
    await db.superuser.query(`SET session_replication_role = replica`);
    try {
      await db.superuser.query(sql, params);
    } finally {
      await db.superuser.query(`SET session_replication_role = origin`);
    }
  }

  it('stores a batch once and ignores redelivered messages', async () => {
    const records = [auditRecord({ tenantId: 'dup' }), auditRecord({ tenantId: 'dup' })];
    expect(await writer.append(records)).toEqual({ stored: 2, duplicates: 0 });
    expect(await writer.append([...records, records[0]])).toEqual({ stored: 0, duplicates: 3 });
    const { rows } = await db.superuser.query(`SELECT seq FROM audit.audit_event WHERE tenant_id = 'dup' ORDER BY seq`);
    expect(rows.map((row) => Number(row.seq))).toEqual([1, 2]);
    expect((await verification.verify('dup')).intact).toBe(true);
  });

  it('serialises concurrent appends for one tenant into one unbroken chain', async () => {
    await Promise.all(Array.from({ length: 8 }, () => seedTenant('busy', 25)));
    const report = await verification.verify('busy');
    expect(report.firstBroken).toBeNull();
    expect(report).toMatchObject({ intact: true, recordsChecked: 200, lastSeq: '200' });
  });

  it.each([
    ['UPDATE', `UPDATE audit.audit_event SET outcome = 'failure'`],
    ['DELETE', `DELETE FROM audit.audit_event`],
    ['TRUNCATE', `TRUNCATE audit.audit_event`],
    ['UPDATE of a checkpoint', `UPDATE audit.checkpoint SET seq = 0`],
  ])('refuses %s to the service role by privilege', async (_name, sql) => {
    await seedTenant('priv', 1);
    await expect(db.writer.query(sql)).rejects.toMatchObject({ code: '42501', message: expect.stringMatching(/permission denied/) });
  });

  it.each([
    ['UPDATE', `UPDATE audit.audit_event SET outcome = 'failure'`],
    ['DELETE', `DELETE FROM audit.audit_event`],
    ['TRUNCATE', `TRUNCATE audit.audit_event`],
  ])('refuses %s even to the owner by trigger', async (_name, sql) => {
    await seedTenant('trig', 1);
    await expect(db.superuser.query(sql)).rejects.toThrow(/append-only/);
  });

  it('refuses TRUNCATE of a single partition by trigger', async () => {
    await seedTenant('part', 1);
    const { rows } = await db.superuser.query(`SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
      WHERE i.inhparent = to_regclass(format('audit.%I', 'ev_' || left(md5('part'), 16)))`);
    await expect(db.superuser.query(`TRUNCATE audit.${rows[0].relname as string}`)).rejects.toThrow(/append-only/);
  });

  it.each<[string, (tenant: string) => string, string, string]>([
    ['an edited record', (t) => `UPDATE audit.audit_event SET reason = 'nothing to see' WHERE tenant_id = '${t}' AND seq = 5`, 'hash-mismatch', '5'],
    ['a deleted record', (t) => `DELETE FROM audit.audit_event WHERE tenant_id = '${t}' AND seq = 5`, 'missing-record', '6'],
    [
      'an inserted record',
      (t) => `INSERT INTO audit.audit_event SELECT gen_random_uuid(), tenant_id, seq, recorded_at + interval '1 millisecond', occurred_at, event_type, topic, actor_type, actor_id,
        target_type, target_id, target_name, target_ids, targets, outcome, 'forged', correlation_id, causation_id, details, prev_hash, hash
        FROM audit.audit_event WHERE tenant_id = '${t}' AND seq = 5`,
      // The forged copy sorts before or after the original by id: either way record 5 is named.
      'duplicate-record|hash-mismatch',
      '5',
    ],
    [
      'two reordered records',
      (t) => `UPDATE audit.audit_event SET seq = -4 WHERE tenant_id = '${t}' AND seq = 4;
        UPDATE audit.audit_event SET seq = 4 WHERE tenant_id = '${t}' AND seq = 5;
        UPDATE audit.audit_event SET seq = 5 WHERE tenant_id = '${t}' AND seq = -4`,
      'prev-hash-mismatch',
      '4',
    ],
  ])('the verifier finds %s', async (_name, sql, problem, seq) => {
    const tenant = `tamper-${problem}`;
    await seedTenant(tenant, 10);
    expect((await verification.verify(tenant)).intact).toBe(true);
    await tamper(sql(tenant));
    const report = await verification.verify(tenant);
    expect(report.intact).toBe(false);
    expect(report.firstBroken).toMatchObject({ problem: expect.stringMatching(new RegExp(`^(${problem})$`)), seq });
  });

  it('the verifier finds a cut-off tail through the signed checkpoint', async () => {
    await seedTenant('tail', 10);
    const head = await db.superuser.query(`SELECT seq::text, hash FROM audit.audit_event WHERE tenant_id = 'tail' ORDER BY seq DESC LIMIT 1`);
    await checkpoints.write('tail', 'periodic', head.rows[0].seq, head.rows[0].hash);
    await tamper(`DELETE FROM audit.audit_event WHERE tenant_id = 'tail' AND seq > 7`);
    expect((await verification.verify('tail')).firstBroken).toMatchObject({ problem: 'tail-truncated', seq: '8' });
  });

  it('the verifier rejects a checkpoint not signed with the key', async () => {
    await seedTenant('forged', 3);
    await db.superuser.query(`INSERT INTO audit.checkpoint (tenant_id, kind, seq, hash, created_at, key_id, signature) VALUES ('forged', 'periodic', 2, 'x', now(), 'k', 'ab')`);
    expect((await verification.verify('forged')).firstBroken).toMatchObject({ problem: 'checkpoint-signature-invalid' });
  });

  it('verifies a range from the checkpoint before it', async () => {
    await seedTenant('range', 20);
    const at10 = await db.superuser.query(`SELECT seq::text, hash FROM audit.audit_event WHERE tenant_id = 'range' AND seq = 10`);
    await checkpoints.write('range', 'periodic', at10.rows[0].seq, at10.rows[0].hash);
    const report = await verification.verify('range', { fromSeq: 12n, toSeq: 15n });
    expect(report.firstBroken).toBeNull();
    expect(report).toMatchObject({ intact: true, anchor: { kind: 'periodic', seq: '10' }, lastSeq: '15', recordsChecked: 5 });
  });

  it('keeps stored text identical to what was hashed, whatever the characters', async () => {
    await writer.append([auditRecord({ tenantId: 'chars', reason: 'nul \u0000 lone \ud800 emoji 😀', details: { 'k\u0000': 'v\udc00', n: 1.5e-7, big: 12345678901234567890 } })]);
    expect((await verification.verify('chars')).intact).toBe(true);
  });
});
