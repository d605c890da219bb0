import { Client } from 'pg';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { ensureDatabaseAndSchema } from '@bridge/database';
import { CreateAuditStore1764400000000 } from '../migrations/1764400000000-create-audit-store';
import { AUDIT_WRITER_ROLE } from './audit-writer.role';

export const AUDIT_SCHEMA = 'audit';
export const AUDIT_MIGRATIONS = [CreateAuditStore1764400000000];

/**
 * Creates the database and schema if missing and runs the migrations as the owner (DATABASE_URL).
 * Replicas start together, so a session advisory lock lets one migrate while the others wait.
 */
export async function migrateAuditStore(ownerUrl: string): Promise<void> {
  await ensureDatabaseAndSchema(ownerUrl, AUDIT_SCHEMA);
  const lock = new Client({ connectionString: ownerUrl });
  await lock.connect();
  try {
    await lock.query(`SELECT pg_advisory_lock(hashtextextended('audit.migrations', 0))`);
    const owner = new DataSource({
      type: 'postgres',
      url: ownerUrl,
      schema: AUDIT_SCHEMA,
      migrations: AUDIT_MIGRATIONS,
      migrationsTableName: 'migrations',
      migrationsTransactionMode: 'each',
      logging: ['error'],
      extra: { max: 1, application_name: 'audit-migrations' },
    });
    await owner.initialize();
    try {
      await owner.runMigrations();
    } finally {
      await owner.destroy();
    }
  } finally {
    await lock.end();
  }
}

/**
 * The running service's connections: a dedicated URL whose role has only INSERT and SELECT, or the
 * owner's URL switched to `audit_writer` at connection start (the owner is a member of it).
 */
export function auditWriterDataSourceOptions(ownerUrl: string, writerUrl: string | undefined, poolSize = 10): DataSourceOptions {
  return {
    type: 'postgres',
    url: writerUrl ?? ownerUrl,
    schema: AUDIT_SCHEMA,
    synchronize: false,
    migrationsRun: false,
    logging: ['error'],
    extra: {
      max: poolSize,
      application_name: 'audit',
      ...(writerUrl === undefined ? { options: `-c role=${AUDIT_WRITER_ROLE}` } : {}),
    },
  };
}
