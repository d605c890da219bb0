import 'reflect-metadata';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
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

// Usage: node dist/apps/audit/src/bench/audit.bench.js [--reseed] [--skip-intake] [--only=verifier,intake]
// --only runs just the named parts (verifier: store append and verification; queries; intake); without
// queries nothing is seeded, so the intake and the verifier can be measured in minutes. The figures of
// the parts run replace theirs in bench/results/audit.json (measuredAt says when each part was measured).
// BENCH_INTAKE_RECORDS and BENCH_VERIFY_RECORDS change the sizes (50,000 and 200,000).
const ADMIN_URL = process.env['BENCH_ADMIN_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DATABASE = process.env['BENCH_DATABASE'] ?? 'audit_bench';
const BROKERS = (process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092').split(',');
const INTAKE_RECORDS = Number(process.env['BENCH_INTAKE_RECORDS'] ?? 50_000);
const VERIFY_RECORDS = Number(process.env['BENCH_VERIFY_RECORDS'] ?? 200_000);
const PARTS = ['verifier', 'queries', 'intake'] as const;
const log = (line: string): void => {
  process.stdout.write(`${new Date().toISOString()} ${line}\n`);
};

async function main(): Promise<void> {
  const args = new Set(process.argv.slice(2));
  const only = process.argv.find((arg) => arg.startsWith('--only='))?.slice('--only='.length).split(',');
  const unknown = only?.filter((part) => !(PARTS as readonly string[]).includes(part)) ?? [];
  if (unknown.length > 0) {
    throw new Error(`--only takes ${PARTS.join(', ')}; unknown: ${unknown.join(', ')}`);
  }
  const runs = (part: (typeof PARTS)[number]): boolean => (only === undefined || only.includes(part)) && !(part === 'intake' && args.has('--skip-intake'));
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
  const results: Record<string, unknown> = { machine: { cpus: (await import('node:os')).cpus().length, node: process.version } };
  if (runs('queries')) {
    const counted = await superuser.query<{ n: string }>(`SELECT count(*) AS n FROM audit.audit_event WHERE tenant_id LIKE 'bench-%'`);
    if (Number(counted.rows[0].n) < 10_000_000) {
      const began = Date.now();
      await seedBenchRows(superuser, log);
      log(`seeded 10,000,000 rows in ${((Date.now() - began) / 60000).toFixed(1)} min`);
    }
    Object.assign(results, { rows: 10_000_000, tenants: 20 });
  }

  if (runs('verifier')) {
    const key = checkpointKey('bench-key-bench-key-bench-key-bench-key');
    const store = new AuditWriterService(writer, new AuditPartitions(writer));
    const verifyTenant = `verify-${Date.now()}`;
    const appendBegan = Date.now();
    for (let written = 0; written < VERIFY_RECORDS; written += 1000) {
      await store.append(Array.from({ length: Math.min(1000, VERIFY_RECORDS - written) }, () => auditRecord({ tenantId: verifyTenant })));
    }
    results['storeAppendRecordsPerSecond'] = Math.round(VERIFY_RECORDS / ((Date.now() - appendBegan) / 1000));
    log(`store append: ${String(results['storeAppendRecordsPerSecond'])} records/s`);
    const verification = new ChainVerificationService(writer, new CheckpointRepository(writer, key), key);
    const report = await verification.verify(verifyTenant);
    results['verifier'] = { records: report.recordsChecked, intact: report.intact, ms: report.durationMs, recordsPerSecond: Math.round(report.recordsChecked / (report.durationMs / 1000)) };
    log(`verifier: ${JSON.stringify(results['verifier'])}`);
  }

  if (runs('queries')) {
    results['queriesMs'] = await benchQueries(writer, 200);
    log(`queries: ${JSON.stringify(results['queriesMs'], null, 2)}`);
  }
  if (runs('intake')) {
    results['kafkaIntake'] = await benchIntake(writer, BROKERS, INTAKE_RECORDS, log);
    log(`intake: ${JSON.stringify(results['kafkaIntake'])}`);
  }
  await writer.destroy();
  await superuser.end();
  const out = path.resolve(process.cwd(), 'bench', 'results', 'audit.json');
  const at = new Date().toISOString();
  const previous = only !== undefined && existsSync(out) ? (JSON.parse(readFileSync(out, 'utf8')) as Record<string, unknown>) : {};
  // A file from before per-part times was measured whole at its `at`.
  const earlier = (previous['measuredAt'] as Record<string, string> | undefined) ?? (typeof previous['at'] === 'string' ? Object.fromEntries(PARTS.map((part) => [part, previous['at']])) : {});
  const measuredAt = { ...earlier, ...Object.fromEntries(PARTS.filter(runs).map((part) => [part, at])) };
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify({ ...previous, at, measuredAt, ...results }, null, 2)}\n`);
  log(`written ${out}`);
}

main().catch((error: unknown) => {
  process.stderr.write(`audit benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
