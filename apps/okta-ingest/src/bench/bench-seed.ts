import { Client } from 'pg';

export interface SeededUser {
  id: string;
  userName: string;
}

/** 100,000 users written straight into the store, as years of Okta assignments would leave them. */
export async function seedUsers(databaseUrl: string, tenantId: string, count: number): Promise<SeededUser[]> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    await db.query(
      `INSERT INTO "ingest"."scim_user" (tenant_id, id, user_name, external_id, active, attributes, version, created_at, updated_at)
       SELECT $1, gen_random_uuid(), 'user' || g || '@example.com', '00u' || g, true,
              jsonb_build_object(
                'name', jsonb_build_object('givenName', 'Given' || g, 'familyName', 'Family' || g),
                'displayName', 'Given' || g || ' Family' || g,
                'emails', jsonb_build_array(jsonb_build_object('value', 'user' || g || '@example.com', 'type', 'work', 'primary', true)),
                'locale', 'en-US'),
              1, now() - ($2 - g) * interval '1 millisecond', now() - ($2 - g) * interval '1 millisecond'
       FROM generate_series(1, $2::int) AS g`,
      [tenantId, count],
    );
    // A table that has lived for years is vacuumed; without it every count and page visits the heap.
    await db.query(`VACUUM ANALYZE "ingest"."scim_user"`);
    const { rows } = await db.query<{ id: string; user_name: string }>(`SELECT id, user_name FROM "ingest"."scim_user" WHERE tenant_id = $1`, [tenantId]);
    return rows.map((row) => ({ id: row.id, userName: row.user_name }));
  } finally {
    await db.end();
  }
}


/** Peak resident memory of a process, sampled from /proc. */
export class RssSampler {
  private peakKb = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly pid: number,
    private readonly readStatus: (pid: number) => string,
  ) {
    this.timer = setInterval(() => this.sample(), 250);
  }

  sample(): void {
    const match = /VmRSS:\s+(\d+) kB/.exec(this.readStatus(this.pid));
    if (match) {
      this.peakKb = Math.max(this.peakKb, Number(match[1]));
    }
  }

  /** The peak so far, in MB. */
  peakMb(): number {
    this.sample();
    return Math.round((this.peakKb / 1024) * 10) / 10;
  }

  stop(): number {
    clearInterval(this.timer);
    return this.peakMb();
  }
}
