import { Client } from 'pg';

const EVERY_MS = 20;

/**
 * Which statements PostgreSQL is working on (or waiting in), by service: polls pg_stat_activity
 * every 20 ms and counts `application_name | statement start`. A share is the fraction of samples
 * in which at least one such statement was active; it counts waits (locks, commit flushes) as well
 * as CPU. (pg_stat_statements needs a server preload this machine does not have.)
 */
export class StatementSampler {
  private readonly counts = new Map<string, number>();
  private samples = 0;
  private running = true;
  private readonly done: Promise<void>;

  constructor(private readonly client: Client, private readonly database: string) {
    this.done = this.loop();
  }

  static async start(databaseUrl: string): Promise<StatementSampler> {
    const url = new URL(databaseUrl);
    const client = new Client({ connectionString: new URL('/postgres', url).toString() });
    await client.connect();
    return new StatementSampler(client, decodeURIComponent(url.pathname.slice(1)));
  }

  /** The most frequent statements, with the share of samples each was active in. */
  async stop(top = 15): Promise<{ samples: number; statements: { statement: string; share: number }[] }> {
    this.running = false;
    await this.done;
    await this.client.end();
    const statements = [...this.counts]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([statement, count]) => ({ statement, share: Math.round((count / Math.max(1, this.samples)) * 1000) / 1000 }));
    return { samples: this.samples, statements };
  }

  private async loop(): Promise<void> {
    while (this.running) {
      const { rows } = await this.client.query<{ statement: string }>(
        `SELECT DISTINCT application_name || ' | ' || regexp_replace(left(query, 100), '\\s+', ' ', 'g') AS statement
         FROM pg_stat_activity WHERE state = 'active' AND datname = $1 AND pid <> pg_backend_pid()`,
        [this.database],
      );
      this.samples += 1;
      for (const { statement } of rows) {
        this.counts.set(statement, (this.counts.get(statement) ?? 0) + 1);
      }
      await new Promise((resolve) => setTimeout(resolve, EVERY_MS));
    }
  }
}
