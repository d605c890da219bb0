import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { PreparingClient } from './prepared-statements';
import { returnedRows } from './returned-rows';
import { scratchDatabase } from './testing/scratch-database';

const database = scratchDatabase('prepared_it');
const url = database.url;

describe('PreparingClient against a real PostgreSQL', () => {
  let dataSource: DataSource;

  beforeAll(async () => {
    await database.create();
    // One connection, so every statement below meets the plans prepared before it.
    dataSource = new DataSource({ type: 'postgres', url, extra: { max: 1, Client: PreparingClient } });
    await dataSource.initialize();
    await dataSource.query(`CREATE TABLE item (id int PRIMARY KEY, label text NOT NULL)`);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database.drop();
  });

  async function prepared(): Promise<string[]> {
    const rows: { statement: string }[] = await dataSource.query(`SELECT statement FROM pg_prepared_statements ORDER BY prepare_time`);
    return rows.map((row) => row.statement);
  }

  it('prepares a parameterised statement once per connection and answers as the unnamed query does', async () => {
    const insert = `INSERT INTO item (id, label) VALUES ($1, $2) RETURNING id, label`;
    expect(await dataSource.query(insert, [1, 'one'])).toEqual([{ id: 1, label: 'one' }]);
    expect(await dataSource.query(insert, [2, 'two'])).toEqual([{ id: 2, label: 'two' }]);
    const update = `UPDATE item SET label = upper(label) WHERE id = ANY($1::int[]) RETURNING id`;
    const updated = returnedRows<{ id: number }>(await dataSource.query(update, [[1, 2]]));
    expect(updated.map((row) => row.id).sort()).toEqual([1, 2]);
    expect((await prepared()).filter((text) => text === insert || text === update)).toEqual([insert, update]);
    // A text without values runs as before: nothing to prepare.
    expect((await prepared()).some((text) => text.startsWith('SELECT statement'))).toBe(false);
  });

  it('reports errors as the unnamed query does, and the statement keeps working', async () => {
    const insert = `INSERT INTO item (id, label) VALUES ($1, $2)`;
    await dataSource.query(insert, [10, 'ten']);
    await expect(dataSource.query(insert, [10, 'again'])).rejects.toMatchObject({ driverError: { code: '23505' } });
    await dataSource.query(insert, [11, 'eleven']);
    const [{ count }] = await dataSource.query<{ count: string }[]>(`SELECT count(*) AS count FROM item WHERE id >= $1`, [10]);
    expect(Number(count)).toBe(2);
  });

  it('works inside a transaction, and a rollback undoes it', async () => {
    await expect(
      dataSource.transaction(async (manager) => {
        await manager.query(`INSERT INTO item (id, label) VALUES ($1, $2)`, [20, 'twenty']);
        throw new Error('undo');
      }),
    ).rejects.toThrow('undo');
    expect(await dataSource.query(`SELECT id FROM item WHERE id = $1`, [20])).toEqual([]);
  });

  it('falls back to the unnamed query for a text whose plan a migration invalidated', async () => {
    const select = `SELECT * FROM item WHERE id = $1`;
    expect(await dataSource.query(select, [1])).toEqual([{ id: 1, label: 'ONE' }]);
    await dataSource.query(`ALTER TABLE item ADD COLUMN note text`);
    // PostgreSQL refuses the cached plan once: its result type changed.
    await expect(dataSource.query(select, [1])).rejects.toMatchObject({ driverError: { code: '0A000' } });
    expect(await dataSource.query(select, [1])).toEqual([{ id: 1, label: 'ONE', note: null }]);
    expect(await dataSource.query(select, [2])).toEqual([{ id: 2, label: 'TWO', note: null }]);
  });

  it('serves many connections of a pool, each preparing for itself', async () => {
    const pool = new Pool({ connectionString: url, max: 4, Client: PreparingClient });
    // pool.end() resolves before its clients' connections have closed; the database is dropped
    // (terminating what is still connected) only once they have.
    const closed: Promise<void>[] = [];
    pool.on('connect', (client) => closed.push(new Promise((resolve) => client.once('end', () => resolve()))));
    try {
      const ask = async (index: number): Promise<{ doubled: number; prepared: number }> => {
        const client = await pool.connect();
        try {
          const answer = await client.query(`SELECT $1::int * 2 AS doubled`, [index]);
          const statements = await client.query(`SELECT count(*)::int AS prepared FROM pg_prepared_statements WHERE statement = $1`, ['SELECT $1::int * 2 AS doubled']);
          return { doubled: (answer.rows[0] as { doubled: number }).doubled, prepared: (statements.rows[0] as { prepared: number }).prepared };
        } finally {
          client.release();
        }
      };
      const answers = await Promise.all(Array.from({ length: 40 }, (_, index) => ask(index)));
      expect(answers.map((answer) => answer.doubled)).toEqual(Array.from({ length: 40 }, (_, index) => index * 2));
      expect(answers.every((answer) => answer.prepared === 1)).toBe(true);
    } finally {
      await pool.end();
      await Promise.all(closed);
    }
  });
});
