import { Client } from 'pg';

/** Drops the database `url` names (closing its connections first), from the same server's `postgres` database. */
export async function dropDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) {
    throw new Error(`database name ${name} must be a plain identifier`);
  }
  const admin = new Client({ connectionString: new URL('/postgres', target).toString() });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}
