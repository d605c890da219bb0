import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { auditWriterDataSourceOptions } from '../audit-store/audit-database.config';
import { ChainVerificationService } from './chain-verification.service';
import { loadCheckpointKey } from './checkpoint-key.config';
import { CheckpointRepository } from './checkpoint.repository';

const USAGE = `usage: node dist/apps/audit/src/hash-chain/verify-chain.cli.js --tenant <id> [--from <seq>] [--to <seq>]
  DATABASE_URL (or AUDIT_DATABASE_URL) and AUDIT_CHECKPOINT_KEY (or AUDIT_CHECKPOINT_KEY_FILE) as for the service.
  Exit code 0: intact; 1: broken (the report names the first broken record); 2: usage or connection error.`;

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { tenant: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' } } });
  const seq = (value: string | undefined): bigint | undefined => (value === undefined ? undefined : BigInt(value));
  if (values.tenant === undefined || [values.from, values.to].some((value) => value !== undefined && !/^[1-9]\d{0,17}$/.test(value))) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const env = process.env;
  const key = loadCheckpointKey({ NODE_ENV: env['NODE_ENV'] ?? 'development', AUDIT_CHECKPOINT_KEY: env['AUDIT_CHECKPOINT_KEY'], AUDIT_CHECKPOINT_KEY_FILE: env['AUDIT_CHECKPOINT_KEY_FILE'] }, (message) =>
    process.stderr.write(`warning: ${message}\n`),
  );
  const dataSource = new DataSource(auditWriterDataSourceOptions(env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/okta_zoom_bridge', env['AUDIT_DATABASE_URL'], 2));
  await dataSource.initialize();
  try {
    const verification = new ChainVerificationService(dataSource, new CheckpointRepository(dataSource, key), key);
    const report = await verification.verify(values.tenant, { fromSeq: seq(values.from), toSeq: seq(values.to) });
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return report.intact ? 0 : 1;
  } finally {
    await dataSource.destroy();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`verify-chain failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  },
);
