import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import path from 'node:path';
import { present } from '../testing/user-commands';
import { startWriterHarness, type WriterHarness } from '../testing/writer-harness';
// The benchmark reads zoom-sim's call log; only its type is shared, production code never imports it.
// eslint-disable-next-line @nx/enforce-module-boundaries
import type { CallView } from '../../../zoom-sim/src/call-log/call-log.service';
import { log, percentiles, round, sleep } from './bench-figures';

/**
 * Tenant isolation in zoom-writer: tenant A imports alone, then again while tenant B (its own Zoom
 * account) imports too and zoom-sim throttles B to zero. A's sustained write rate and its latency
 * with no backlog of its own (command produced → Zoom call) should move by less than 10 %.
 * zoom-writer and zoom-sim run in this process over the real Kafka and PostgreSQL.
 * Prints the figures and writes them to bench/results/tenant-isolation.json.
 */
const root = path.resolve(__dirname, '..', '..', '..', '..', '..');
const USERS = Number(process.env['BENCH_USERS'] ?? 1200);
const PROBES = Number(process.env['BENCH_PROBES'] ?? 150);
const WARM_UP_USERS = Number(process.env['BENCH_WARM_UP_USERS'] ?? 400);
const LIGHT_PER_SECOND = 80;


async function main(): Promise<void> {
  const harness = await startWriterHarness({
    tenants: [
      { id: 'tenant-a', account: 'acct-a', lightPerSecond: LIGHT_PER_SECOND },
      { id: 'tenant-b', account: 'acct-b', lightPerSecond: LIGHT_PER_SECOND },
    ],
    accounts: [account('acct-a'), account('acct-b')],
  });
  const run = randomBytes(3).toString('hex');
  try {
    // A fresh process is slower for a while (compilation, caches, prepared statements): the first
    // measured phase must not pay for that alone.
    log(`warming up: tenant A imports ${WARM_UP_USERS} users, not measured`);
    await measureTenantA(harness, `${run}-warm`, WARM_UP_USERS, 5);
    log(`tenant A alone: ${USERS} creates, then ${PROBES} single creates`);
    const alone = await measureTenantA(harness, `${run}-alone`);
    log(`alone: ${alone.writesPerSecond} writes/s, probe p50 ${alone.probeLatency.p50} ms, p99 ${alone.probeLatency.p99} ms`);

    log('tenant B throttled to zero by zoom-sim, importing at the same time');
    await harness.control('PUT', '/accounts/acct-b/faults', { throttleToZero: true });
    await Promise.all(Array.from({ length: USERS }, (_, index) => harness.send('tenant-b', present(`b-${run}-${index}`, `b-${run}-${index}@example.com`, 1))));
    const withThrottled = await measureTenantA(harness, `${run}-shared`);
    const bCalls = await calls(harness, 'acct-b', 0);
    log(`beside B: ${withThrottled.writesPerSecond} writes/s, probe p50 ${withThrottled.probeLatency.p50} ms, p99 ${withThrottled.probeLatency.p99} ms`);

    const results = {
      recordedAt: new Date().toISOString(),
      machine: { cpus: cpus().length, model: cpus()[0]?.model ?? 'unknown', node: process.version },
      usersPerImport: USERS,
      lightPerSecondPerAccount: LIGHT_PER_SECOND,
      tenantAAlone: alone,
      tenantABesideThrottledB: withThrottled,
      tenantB: { callsToZoom: bCalls.length, answered429: bCalls.filter((call) => call.status === 429).length },
      change: {
        writesPerSecond: ratioChange(withThrottled.writesPerSecond, alone.writesPerSecond),
        probeP50: ratioChange(withThrottled.probeLatency.p50, alone.probeLatency.p50),
        probeP99: ratioChange(withThrottled.probeLatency.p99, alone.probeLatency.p99),
        target: 0.1,
      },
    };
    const file = path.join(root, 'bench', 'results', 'tenant-isolation.json');
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
    process.stdout.write(`${JSON.stringify(results, null, 2)}\nwritten to ${file}\n`);
  } finally {
    await harness.close();
  }
}

/** A's import (its sustained successful creates per second) and then its single-create latency. */
async function measureTenantA(
  harness: WriterHarness,
  run: string,
  users = USERS,
  probes = PROBES,
): Promise<{ writesPerSecond: number; importSeconds: number; probeLatency: ReturnType<typeof percentiles> }> {
  const since = await lastSeq(harness, 'acct-a');
  const started = Date.now();
  await Promise.all(Array.from({ length: users }, (_, index) => harness.send('tenant-a', present(`a-${run}-${index}`, `a-${run}-${index}@example.com`, 1))));
  let creates: CallView[] = [];
  while (creates.length < users) {
    if (Date.now() - started > 10 * 60_000) {
      throw new Error(`tenant A's import did not finish: ${creates.length} of ${users}`);
    }
    await sleep(500);
    creates = (await calls(harness, 'acct-a', since)).filter((call) => call.method === 'POST' && call.status === 201);
  }
  const times = creates.map((call) => Date.parse(call.at));
  // Whole seconds between the first and the last create, as zoom-sim counts its limit per second.
  const first = Math.floor(times[0] / 1000) + 1;
  const last = Math.floor(times[times.length - 1] / 1000) - 1;
  const inside = times.filter((at) => at >= first * 1000 && at < (last + 1) * 1000).length;
  const writesPerSecond = round(inside / Math.max(1, last - first + 1));

  const latencies: number[] = [];
  for (let index = 0; index < probes; index += 1) {
    const before = await lastSeq(harness, 'acct-a');
    const sentAt = Date.now();
    await harness.send('tenant-a', present(`p-${run}-${index}`, `p-${run}-${index}@example.com`, 1));
    for (let waited = 0; waited < 30_000; waited += 10) {
      await sleep(10);
      const post = (await calls(harness, 'acct-a', before)).find((call) => call.method === 'POST' && call.status === 201);
      if (post !== undefined) {
        latencies.push(Date.parse(post.at) - sentAt);
        break;
      }
    }
    await sleep(50);
  }
  return { writesPerSecond, importSeconds: round((times[times.length - 1] - started) / 1000), probeLatency: percentiles(latencies) };
}

async function calls(harness: WriterHarness, accountId: string, since: number): Promise<CallView[]> {
  const response = await fetch(`${harness.simUrl}/_control/accounts/${accountId}/calls?since=${since}&limit=50000`);
  return ((await response.json()) as { calls: CallView[] }).calls;
}

async function lastSeq(harness: WriterHarness, accountId: string): Promise<number> {
  const response = await fetch(`${harness.simUrl}/_control/accounts/${accountId}/calls?since=0&limit=1`);
  const page = (await response.json()) as { lastSeq: number; total?: number };
  // `since=0&limit=1` gives the oldest kept call; read forward to the newest.
  let since = page.lastSeq;
  for (;;) {
    const next = (await (await fetch(`${harness.simUrl}/_control/accounts/${accountId}/calls?since=${since}&limit=50000`)).json()) as { calls: CallView[]; lastSeq: number };
    if (next.calls.length === 0) {
      return since;
    }
    since = next.lastSeq;
  }
}

function account(id: string): Record<string, unknown> {
  return { id, plan: 'Business', staticToken: `zoom-sim-token-${id}`, domains: ['example.com'], rateLimits: { light: LIGHT_PER_SECOND, medium: 60 } };
}

function ratioChange(value: number, baseline: number): number {
  return baseline === 0 ? 0 : round((value - baseline) / baseline, 3);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
