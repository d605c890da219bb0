import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { AuditPartitions } from '../audit-store/audit-partitions.service';
import { AuditWriterService } from '../audit-store/audit-writer.service';
import { ChainVerificationService } from '../hash-chain/chain-verification.service';
import { checkpointKey } from '../hash-chain/checkpoint-key.config';
import { CheckpointRepository } from '../hash-chain/checkpoint.repository';
import { auditRecord } from '../testing/audit-record.factory';
import { benchIntake } from './bench-intake';
import { benchQueries } from './bench-queries';
import { connectBenchDatabase, seedBenchRows } from './bench-database';

// Usage: node dist/apps/audit/src/bench/audit.bench.js [--reseed] [--skip-intake]
const ADMIN_URL = process.env['BENCH_ADMIN_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DATABASE = process.env['BENCH_DATABASE'] ?? 'audit_bench';
const BROKERS = (process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092').split(',');
const log = (line: string): void => {
  process.stdout.write(`${new Date().toISOString()} ${line}\n`);
};

async function main(): Promise<void> {
  const args = new Set(process.argv.slice(2));
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  const exists = (await admin.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [DATABASE])).rowCount === 1;
  if (exists && args.has('--reseed')) {
    await admin.query(`DROP DATABASE "${DATABASE}" WITH (FORCE)`);
  }
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${DATABASE}`;
  const { superuser, writer } = await connectBenchDatabase(url.toString());
  const counted = await superuser.query<{ n: string }>(`SELECT count(*) AS n FROM audit.audit_event WHERE tenant_id LIKE 'bench-%'`);
  const seeded = Number(counted.rows[0].n);
  if (seeded < 10_000_000) {
    const began = Date.now();
    await seedBenchRows(superuser, log);
    log(`seeded 10,000,000 rows in ${((Date.now() - began) / 60000).toFixed(1)} min`);
  }
  const results: Record<string, unknown> = { machine: { cpus: (await import('node:os')).cpus().length, node: process.version }, rows: 10_000_000, tenants: 20 };

  const key = checkpointKey('bench-key-bench-key-bench-key-bench-key');
  const store = new AuditWriterService(writer, new AuditPartitions(writer));
  const verifyTenant = `verify-${Date.now()}`;
  const appendBegan = Date.now();
  for (let batch = 0; batch < 200; batch += 1) {
    await store.append(Array.from({ length: 1000 }, () => auditRecord({ tenantId: verifyTenant })));
  }
  results['storeAppendRecordsPerSecond'] = Math.round(200_000 / ((Date.now() - appendBegan) / 1000));
  const verification = new ChainVerificationService(writer, new CheckpointRepository(writer, key), key);
  const report = await verification.verify(verifyTenant);
  results['verifier'] = { records: report.recordsChecked, intact: report.intact, ms: report.durationMs, recordsPerSecond: Math.round(report.recordsChecked / (report.durationMs / 1000)) };
  log(`verifier: ${JSON.stringify(results['verifier'])}`);

  results['queriesMs'] = await benchQueries(writer, 200);
  log(`queries: ${JSON.stringify(results['queriesMs'], null, 2)}`);
  if (!args.has('--skip-intake')) {
    results['kafkaIntake'] = await benchIntake(writer, BROKERS, 50_000, log);
    log(`intake: ${JSON.stringify(results['kafkaIntake'])}`);
  }
  await writer.destroy();
  await superuser.end();
  const out = path.resolve(process.cwd(), 'bench', 'results', 'audit.json');
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify({ at: new Date().toISOString(), ...results }, null, 2)}\n`);
  log(`written ${out}`);
}

main().catch((error: unknown) => {
  process.stderr.write(`audit benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
