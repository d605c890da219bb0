import { DataSource } from 'typeorm';
import { DEFAULT_TABLE_MAINTENANCE, TableMaintenance, planMaintenance } from './table-maintenance';
import { scratchDatabase } from './testing/scratch-database';

const database = scratchDatabase('maintenance_it');

describe('planMaintenance', () => {
  const options = { intervalMs: 1000, minDeadRows: 100, deadShare: 0.1 };

  it.each([
    [{ liveRows: 0, deadRows: 99, changedSinceAnalyze: 0 }, undefined],
    [{ liveRows: 0, deadRows: 100, changedSinceAnalyze: 0 }, { vacuum: true, analyze: false }],
    [{ liveRows: 10_000, deadRows: 999, changedSinceAnalyze: 0 }, undefined],
    [{ liveRows: 10_000, deadRows: 1000, changedSinceAnalyze: 0 }, { vacuum: true, analyze: false }],
    [{ liveRows: 10_000, deadRows: 0, changedSinceAnalyze: 1000 }, { vacuum: false, analyze: true }],
    [{ liveRows: 50, deadRows: 500, changedSinceAnalyze: 600 }, { vacuum: true, analyze: true }],
  ])('%j → %j', (stats, expected) => {
    const [step] = planMaintenance([{ table: 't', ...stats }], options);
    expect(step === undefined ? undefined : { vacuum: step.vacuum, analyze: step.analyze }).toEqual(expected);
  });
});

describe('TableMaintenance against a real PostgreSQL', () => {
  let dataSource: DataSource;

  beforeAll(async () => {
    await database.create();
    dataSource = new DataSource({ type: 'postgres', url: database.url, extra: { max: 2 } });
    await dataSource.initialize();
    await dataSource.query(`CREATE SCHEMA queue`);
    await dataSource.query(`CREATE TABLE queue."outbox ""q""" (seq bigserial PRIMARY KEY, body text NOT NULL)`);
    await dataSource.query(`CREATE TABLE queue.quiet (id int PRIMARY KEY)`);
    await dataSource.query(`CREATE TABLE public.other (id int PRIMARY KEY)`);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database.drop();
  });

  async function stats(table: string): Promise<{ dead: number; vacuumed: boolean; analyzed: boolean }> {
    // Counters reach the shared statistics when a backend flushes them; force it for this one.
    await dataSource.query(`SELECT pg_stat_force_next_flush()`);
    const [row] = await dataSource.query<{ dead: string; vacuumed: boolean; analyzed: boolean }[]>(
      `SELECT n_dead_tup AS dead, last_vacuum IS NOT NULL AS vacuumed, last_analyze IS NOT NULL AS analyzed
       FROM pg_stat_user_tables WHERE schemaname = 'queue' AND relname = $1`,
      [table],
    );
    return { dead: Number(row.dead), vacuumed: row.vacuumed, analyzed: row.analyzed };
  }

  it('vacuums a drained queue table of its schema and leaves quiet tables and other schemas alone', async () => {
    const maintenance = new TableMaintenance(dataSource, 'queue', { ...DEFAULT_TABLE_MAINTENANCE, minDeadRows: 1000 });
    // The way an outbox churns: rows written at the tail, deleted at the head.
    for (let round = 0; round < 3; round += 1) {
      await dataSource.query(`INSERT INTO queue."outbox ""q""" (body) SELECT 'message ' || n FROM generate_series(1, 1000) n`);
      await dataSource.query(`DELETE FROM queue."outbox ""q""" WHERE seq IN (SELECT seq FROM queue."outbox ""q""" ORDER BY seq LIMIT 1000)`);
    }
    await dataSource.query(`INSERT INTO queue.quiet VALUES (1), (2)`);
    await dataSource.query(`INSERT INTO public.other SELECT generate_series(1, 5000)`);
    await dataSource.query(`DELETE FROM public.other`);
    expect((await stats('outbox "q"')).dead).toBeGreaterThanOrEqual(3000);

    const steps = await maintenance.runOnce();

    expect(steps).toEqual([{ table: 'outbox "q"', vacuum: true, analyze: true }]);
    expect(await stats('outbox "q"')).toEqual({ dead: 0, vacuumed: true, analyzed: true });
    expect(await stats('quiet')).toMatchObject({ vacuumed: false, analyzed: false });
    // Nothing over the thresholds is left, so the next look does nothing.
    expect(await maintenance.runOnce()).toEqual([]);
  });

  it('runs on its timer once the application has started, and stops with it', async () => {
    const maintenance = new TableMaintenance(dataSource, 'queue', { intervalMs: 50, minDeadRows: 100, deadShare: 0.1 });
    await dataSource.query(`INSERT INTO queue.quiet SELECT generate_series(10, 509)`);
    await dataSource.query(`DELETE FROM queue.quiet WHERE id >= 10`);
    await dataSource.query(`SELECT pg_stat_force_next_flush()`);
    maintenance.onApplicationBootstrap();
    try {
      const deadline = Date.now() + 10_000;
      while (!(await stats('quiet')).vacuumed && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(await stats('quiet')).toMatchObject({ dead: 0, vacuumed: true });
    } finally {
      await maintenance.onApplicationShutdown();
    }
  });
});
