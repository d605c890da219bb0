import { Client } from 'pg';

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

function assertIdentifier(kind: string, value: string): void {
  if (!IDENTIFIER.test(value)) {
    throw new Error(`${kind} "${value}" must match ${IDENTIFIER.source}`);
  }
}

/**
 * Creates the database named in `url` when it is missing, and the service's schema in it.
 * Several services start at once, so both steps tolerate losing a race to a sibling.
 */
export async function ensureDatabaseAndSchema(url: string, schema: string): Promise<void> {
  assertIdentifier('schema', schema);
  const target = new URL(url);
  const database = decodeURIComponent(target.pathname.replace(/^\//, ''));
  assertIdentifier('database', database);

  const admin = new URL(url);
  admin.pathname = '/postgres';
  const adminClient = new Client({ connectionString: admin.toString() });
  await adminClient.connect();
  try {
    const found = await adminClient.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) {
      await adminClient.query(`CREATE DATABASE "${database}"`).catch((error: unknown) => {
        if (!isPgError(error, '42P04') && !isPgError(error, '23505')) {
          throw error;
        }
      });
    }
  } finally {
    await adminClient.end();
  }

  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`).catch((error: unknown) => {
      if (!isPgError(error, '23505') && !isPgError(error, '42P06')) {
        throw error;
      }
    });
  } finally {
    await client.end();
  }
}

export function isPgError(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code;
}
