import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dropDatabase } from '@bridge/testing';
import { auditWriterDataSourceOptions, migrateAuditStore } from '../audit-store/audit-database.config';

const ADMIN_URL = process.env['AUDIT_TEST_ADMIN_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface AuditTestDatabase {
  url: string;
  /** Connected as the service is: `audit_writer`, INSERT and SELECT only. */
  writer: DataSource;
  /** A superuser connection, standing in for an attacker with full database access. */
  superuser: Client;
  drop(): Promise<void>;
}

/** A freshly created, migrated database of its own, so parallel test files never interfere. */
export async function createAuditTestDatabase(prefix = 'audit_it'): Promise<AuditTestDatabase> {
  const name = `${prefix}_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  await migrateAuditStore(url.toString());
  const writer = new DataSource(auditWriterDataSourceOptions(url.toString(), undefined, 6));
  await writer.initialize();
  const superuser = new Client({ connectionString: url.toString() });
  await superuser.connect();
  return {
    url: url.toString(),
    writer,
    superuser,
    drop: async () => {
      await writer.destroy();
      await superuser.end();
      await dropDatabase(url.toString());
    },
  };
}
