import { waitFor } from '@bridge/testing';
import { PLATFORM_TOKEN, startWriterHarness, type WriterHarness } from '../testing/writer-harness';
import { present } from '../testing/user-commands';

const token = (account: string): string => `zoom-sim-token-${account}`;
const account = (id: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({ id, staticToken: token(id), ...extra });

jest.setTimeout(60_000);

describe('zoom-writer lanes against zoom-sim, Kafka and PostgreSQL: pacing, priority, isolation, failures', () => {
  let h: WriterHarness;

  beforeAll(async () => {
    h = await startWriterHarness({
      tenants: [
        { id: 'prio', account: 'prio-acct', lightPerSecond: 5 },
        { id: 'busy', account: 'busy-acct' },
        { id: 'stuck', account: 'stuck-acct' },
        { id: 'storm', account: 'storm-acct' },
        { id: 'bare', account: 'bare-acct', lightPerSecond: 20 },
        { id: 'daily', account: 'daily-acct' },
        { id: 'quar', account: 'quar-acct' },
        { id: 'crash', account: 'crash-acct' },
      ],
      accounts: [
        account('prio-acct'),
        account('busy-acct'),
        account('stuck-acct'),
        account('storm-acct'),
        account('bare-acct', { omitRateLimitHeaders: true, rateLimits: { light: 5 } }),
        account('daily-acct', { dailyLimit: 3 }),
        account('quar-acct'),
        account('crash-acct'),
      ],
    });
  }, 60_000);

  afterAll(async () => h?.close(), 60_000);

  const users = async (acct: string) => (await h.simState(acct)).users;
  const createMany = async (tenant: string, prefix: string, count: number): Promise<void> => {
    for (let i = 0; i < count; i += 1) {
      await h.send(tenant, present(`${prefix}-${i}`, `${prefix}-${i}@example.com`, 1));
    }
  };
  const allCreated = (acct: string, count: number) => waitFor(`${count} users in ${acct}`, async () => ((await users(acct)).length >= count ? true : undefined), 60_000);

  it('runs a deactivation ahead of a backlog of creates', async () => {
    await h.send('prio', present('p-first', 'p-first@example.com', 1));
    await allCreated('prio-acct', 1);
    await createMany('prio', 'p-bulk', 20);
    await h.send('prio', present('p-first', 'p-first@example.com', 2, {}, false));
    await waitFor('the deactivation', async () => ((await users('prio-acct')).find((u) => u.userName === 'p-first@example.com')?.active === false ? true : undefined), 15_000);
    // At 5 calls/s the 20 creates need 4 s; the deactivation went out long before they finished.
    expect((await users('prio-acct')).length).toBeLessThan(15);
  });

  it('keeps one tenant at full pace while another is throttled to zero', async () => {
    await h.control('PUT', '/accounts/stuck-acct/faults', { throttleToZero: true });
    await createMany('stuck', 's', 20);
    const started = Date.now();
    await createMany('busy', 'b', 40);
    await allCreated('busy-acct', 40);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(await users('stuck-acct')).toHaveLength(0);
    const stuckCalls = await h.simCalls('stuck-acct');
    expect(stuckCalls.length).toBeLessThan(20);
    await h.control('DELETE', '/accounts/stuck-acct/faults');
    await allCreated('stuck-acct', 20);
  });

  it('gets every user through a 5xx storm, once', async () => {
    await h.control('PUT', '/accounts/storm-acct/faults', { errorRate: 0.5, errorStatus: 503, seed: 7 });
    await createMany('storm', 'st', 15);
    await allCreated('storm-acct', 15);
    const calls = await h.simCalls('storm-acct');
    expect(calls.filter((c) => c.status === 503).length).toBeGreaterThan(0);
    expect(calls.filter((c) => c.method === 'POST' && c.status === 201)).toHaveLength(15);
  });

  it('adapts to 429s without rate-limit headers and never calls before the retry time', async () => {
    await createMany('bare', 'nb', 15);
    await allCreated('bare-acct', 15);
    const calls = await h.simCalls('bare-acct');
    const limited = calls.filter((c) => c.status === 429);
    for (const hit of limited) {
      expect(calls.filter((c) => c.atMs > hit.atMs + 5 && c.atMs < hit.atMs + 1000)).toEqual([]);
    }
    expect(limited.length).toBeLessThanOrEqual(3);
  });

  it('holds a tenant that hit its daily limit until 00:00 UTC', async () => {
    await createMany('daily', 'd', 5);
    await waitFor('the daily 429', async () => ((await h.simCalls('daily-acct')).some((c) => c.status === 429) ? true : undefined));
    const before = (await h.simCalls('daily-acct')).length;
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect((await h.simCalls('daily-acct')).length).toBe(before);
    const { rows } = await h.db.query<{ due: Date }>(`SELECT max(not_before) AS due FROM zoom_writer.user_command WHERE tenant_id = 'daily'`);
    const midnight = new Date();
    midnight.setUTCHours(24, 0, 0, 0);
    expect(rows[0].due.getTime()).toBe(midnight.getTime());
  });

  it('quarantines a tenant whose token Zoom rejects, keeps queueing, coalesces, and resumes by itself', async () => {
    await h.control('PUT', '/accounts/quar-acct/faults', { revokeTokens: true });
    await h.send('quar', present('q-1', 'q-1@example.com', 1, { title: 'v1' }));
    const check = await waitFor('the credentials check to fail', async () => {
      const answer = (await (await fetch(`${h.writerUrl}/api/v1/tenants/quar/zoom-credentials/check`, { headers: { authorization: `Bearer ${PLATFORM_TOKEN}` } })).json()) as { ok: boolean; problem?: { code: string } };
      return answer.ok ? undefined : answer;
    });
    expect(check.problem?.code).toBe('token-rejected');
    for (let version = 2; version <= 5; version += 1) {
      await h.send('quar', present('q-1', 'q-1@example.com', version, { title: `v${version}` }));
    }
    await waitFor('5 queued', async () => {
      const { rows } = await h.db.query(`SELECT 1 FROM zoom_writer.user_command WHERE tenant_id = 'quar'`);
      return rows.length === 5 ? true : undefined;
    });
    await h.control('DELETE', '/accounts/quar-acct/faults');
    await allCreated('quar-acct', 1);
    const calls = await h.simCalls('quar-acct');
    expect(calls.filter((c) => c.status === 401).length).toBeLessThanOrEqual(6);
    expect(calls.filter((c) => c.method === 'POST' && c.status === 201)).toHaveLength(1);
    expect(calls.filter((c) => c.method === 'PUT')).toHaveLength(0);
    const { rows } = await h.db.query(`SELECT applied_version, applied_attributes->>'title' AS title FROM zoom_writer.user_link WHERE tenant_id = 'quar'`);
    expect(rows).toEqual([{ applied_version: 5, title: 'v5' }]);
  });

  it('redoes a command whose commit was lost after the Zoom call, without a second Zoom user', async () => {
    const blocker = await h.db.query('BEGIN').then(() => h.db.query(`LOCK TABLE zoom_writer.user_link IN EXCLUSIVE MODE`));
    expect(blocker).toBeDefined();
    await h.send('crash', present('c-1', 'c-1@example.com', 1));
    await allCreated('crash-acct', 1);
    // The writer is now stuck between Zoom's answer and its commit: kill its connections, as a crash would.
    const stopping = h.stopWriter();
    await h.db.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [h.database]);
    await stopping;
    await h.db.query('ROLLBACK');
    await h.startWriter();
    const link = await waitFor('the link', async () => {
      const { rows } = await h.db.query<{ zoom_user_id: string }>(`SELECT zoom_user_id FROM zoom_writer.user_link WHERE tenant_id = 'crash'`);
      return rows[0];
    });
    expect(link.zoom_user_id).toBe((await users('crash-acct'))[0].id);
    const calls = await h.simCalls('crash-acct');
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.status)).toEqual([201]);
    expect(calls.some((c) => c.method === 'GET')).toBe(true);
  });
});
