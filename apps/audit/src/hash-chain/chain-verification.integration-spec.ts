import { AuditPartitions } from '../audit-store/audit-partitions.service';
import { AuditWriterService } from '../audit-store/audit-writer.service';
import { auditRecord } from '../testing/audit-record.factory';
import { createAuditTestDatabase, type AuditTestDatabase } from '../testing/audit-test-database';
import { checkpointKey } from './checkpoint-key.config';
import { CheckpointRepository } from './checkpoint.repository';
import { ChainVerificationService } from './chain-verification.service';

// Pages hold 10,000 positions and the next page is fetched while one is hashed: these chains span three pages.
const RECORDS = 25_000;

describe('the chain verifier across pages', () => {
  let db: AuditTestDatabase;
  let verification: ChainVerificationService;
  const key = checkpointKey('k'.repeat(40));

  beforeAll(async () => {
    db = await createAuditTestDatabase();
    const writer = new AuditWriterService(db.writer, new AuditPartitions(db.writer));
    for (const tenant of ['long', 'late-break', 'early-break']) {
      for (let written = 0; written < RECORDS; written += 5_000) {
        await writer.append(Array.from({ length: 5_000 }, () => auditRecord({ tenantId: tenant })));
      }
    }
    verification = new ChainVerificationService(db.writer, new CheckpointRepository(db.writer, key), key);
    await db.superuser.query(`SET session_replication_role = replica`);
    await db.superuser.query(`UPDATE audit.audit_event SET reason = 'edited' WHERE tenant_id = 'late-break' AND seq = 21234`);
    await db.superuser.query(`UPDATE audit.audit_event SET reason = 'edited' WHERE tenant_id = 'early-break' AND seq = 5`);
    await db.superuser.query(`SET session_replication_role = origin`);
  }, 120_000);

  afterAll(async () => {
    await db?.drop();
  }, 60_000);

  it('checks every record of a chain longer than a page', async () => {
    expect(await verification.verify('long')).toMatchObject({ intact: true, firstSeq: '1', lastSeq: String(RECORDS), recordsChecked: RECORDS, firstBroken: null });
  });

  it('names the first broken record on a later page', async () => {
    expect(await verification.verify('late-break')).toMatchObject({ intact: false, recordsChecked: 21_233, firstBroken: { problem: 'hash-mismatch', seq: '21234' } });
  });

  it('names a break on the first page while the next one is already on its way, and gives its connection back', async () => {
    // More runs than the pool has connections: a connection kept after an early stop would hang the later runs.
    for (let run = 0; run < 8; run += 1) {
      expect(await verification.verify('early-break')).toMatchObject({ intact: false, recordsChecked: 4, firstBroken: { problem: 'hash-mismatch', seq: '5' } });
    }
    expect(await verification.verify('long', { fromSeq: 9_990n, toSeq: 10_020n })).toMatchObject({ intact: true, lastSeq: '10020' });
  });
});
