import { randomBytes } from 'node:crypto';
import { DataSource, type MigrationInterface } from 'typeorm';
import { ensureDatabaseAndSchema } from '@bridge/database';
import { dropDatabase } from './drop-database';

export interface MigratedDatabase {
  url: string;
  dataSource: DataSource;
  /** Closes the data source and drops the database. */
  drop(): Promise<void>;
}

/**
 * A fresh PostgreSQL database with one service's schema and migrations applied, for integration
 * tests of repositories against the real database. `prefix` names the database (a random suffix
 * is added); the server is `POSTGRES_URL`'s, or 127.0.0.1:5432 as user postgres.
 */
export async function createMigratedDatabase(options: {
  prefix: string;
  schema: string;
  migrations: (new () => MigrationInterface)[];
}): Promise<MigratedDatabase> {
  const server = new URL(process.env['POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  const name = `${options.prefix}_${randomBytes(5).toString('hex')}`;
  const url = new URL(`/${name}`, server).toString();
  await ensureDatabaseAndSchema(url, options.schema);
  const dataSource = new DataSource({ type: 'postgres', url, migrations: options.migrations, migrationsTableName: `${options.schema}_migrations` });
  await dataSource.initialize();
  await dataSource.runMigrations();
  return {
    url,
    dataSource,
    drop: async () => {
      await dataSource.destroy().catch(() => undefined);
      await dropDatabase(url);
    },
  };
}
