import { Logger, type OnApplicationBootstrap, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

export interface TableMaintenanceOptions {
  /** How often the schema's tables are looked at. */
  intervalMs: number;
  /** A table is vacuumed once it holds at least this many dead rows… */
  minDeadRows: number;
  /** …and dead rows are at least this share of its live rows. Analyze uses the same rule on changed rows. */
  deadShare: number;
}

/** autovacuum's own pace (`autovacuum_vacuum_cost_delay`), with the default `vacuum_cost_limit` of 200. */
const MAINTENANCE_COST_DELAY = '2ms';

export const DEFAULT_TABLE_MAINTENANCE: TableMaintenanceOptions = { intervalMs: 5_000, minDeadRows: 1_000, deadShare: 0.1 };

export interface TableStats {
  table: string;
  liveRows: number;
  deadRows: number;
  changedSinceAnalyze: number;
}

export interface MaintenanceStep {
  table: string;
  vacuum: boolean;
  analyze: boolean;
}

/**
 * What to do to each table, by the rule of `options`: vacuum when dead rows pile up, analyze when
 * enough rows changed since the last statistics. Pure, so the thresholds are tested apart.
 */
export function planMaintenance(stats: readonly TableStats[], options: TableMaintenanceOptions): MaintenanceStep[] {
  return stats
    .map((table) => {
      const threshold = Math.max(options.minDeadRows, options.deadShare * table.liveRows);
      return { table: table.table, vacuum: table.deadRows >= threshold, analyze: table.changedSinceAnalyze >= threshold };
    })
    .filter((step) => step.vacuum || step.analyze);
}

/**
 * Keeps the service's own schema vacuumed and analyzed. The outbox and command queues are
 * written at the tail and deleted at the head: every deleted row leaves a dead index entry that
 * each read of the head walks past until a vacuum removes it, so a queue that is always nearly
 * empty gets slower to read with every row it ever held. PostgreSQL's autovacuum looks at a
 * database once a minute at best (and may be switched off), so the owner does it on a short
 * timer, with SKIP_LOCKED so that replicas never wait on each other.
 */
export class TableMaintenance implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(TableMaintenance.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> = Promise.resolve();
  private warned = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly schema: string,
    private readonly options: TableMaintenanceOptions = DEFAULT_TABLE_MAINTENANCE,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.running = this.running
        .then(async () => {
          await this.runOnce();
        })
        .catch((error: unknown) => this.warnOnce(error));
    }, this.options.intervalMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One look at the schema's tables; vacuums and analyzes those over the thresholds. Returns what it did. */
  async runOnce(): Promise<MaintenanceStep[]> {
    const rows = await this.dataSource.query<{ table: string; live: string; dead: string; changed: string }[]>(
      `SELECT relname AS "table", n_live_tup AS live, n_dead_tup AS dead, n_mod_since_analyze AS changed
       FROM pg_stat_user_tables WHERE schemaname = $1`,
      [this.schema],
    );
    const steps = planMaintenance(
      rows.map((row) => ({ table: row.table, liveRows: Number(row.live), deadRows: Number(row.dead), changedSinceAnalyze: Number(row.changed) })),
      this.options,
    );
    if (steps.length === 0) {
      return steps;
    }
    // Paced like autovacuum (a pause each time the work done reaches the cost limit): a full-speed
    // VACUUM or ANALYZE of a 100,000-user table took a core for a moment and showed in the SCIM
    // endpoint's p99. A queue's few pages still take next to no time.
    const runner = this.dataSource.createQueryRunner();
    try {
      await runner.query(`SET vacuum_cost_delay = '${MAINTENANCE_COST_DELAY}'`);
      for (const step of steps) {
        const command = step.vacuum ? `VACUUM (SKIP_LOCKED${step.analyze ? ', ANALYZE' : ''})` : 'ANALYZE (SKIP_LOCKED)';
        // Identifiers come from the catalogue and are quoted; VACUUM and ANALYZE take no parameters.
        await runner.query(`${command} ${quoteIdent(this.schema)}.${quoteIdent(step.table)}`);
        this.logger.debug(`${command} ${this.schema}.${step.table}`);
      }
    } finally {
      await runner.query('RESET vacuum_cost_delay').catch(() => undefined);
      await runner.release();
    }
    return steps;
  }

  private warnOnce(error: unknown): void {
    if (!this.warned) {
      this.warned = true;
      this.logger.warn(`table maintenance of schema ${this.schema} failed, will keep trying: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Keeps the module's schema vacuumed and analyzed (see `TableMaintenance`). */
export function tableMaintenanceProvider(schema: string, options?: TableMaintenanceOptions): Provider {
  return {
    provide: TableMaintenance,
    useFactory: (dataSource: DataSource) => new TableMaintenance(dataSource, schema, options),
    inject: [getDataSourceToken()],
  };
}
