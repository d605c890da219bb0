import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { digestToken } from '@bridge/tenancy';
import { spawnService, stopService, waitUntilReady } from '@bridge/testing';
import { BenchHttp, LatencyRecorder, percentiles, timed } from './bench-http';
import { RssSampler, recreateDatabase, seedUsers } from './bench-seed';
import { runMixedLoad } from './mixed-load';

/**
 * The okta-ingest benchmark: 100,000 users seeded by SQL, okta-ingest as its own process with
 * Kafka, then lookups, import paging and 60 s of Okta-shaped mixed traffic from 50 keep-alive
 * connections. Prints the figures and writes them to bench/results/okta-ingest.json.
 */
const root = path.resolve(__dirname, '..', '..', '..', '..', '..');
const USERS = Number(process.env['BENCH_USERS'] ?? 100_000);
const CONNECTIONS = Number(process.env['BENCH_CONNECTIONS'] ?? 50);
const DURATION_MS = Number(process.env['BENCH_SECONDS'] ?? 60) * 1000;
const PORT = Number(process.env['BENCH_PORT'] ?? 18180);
const databaseUrl = process.env['BENCH_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/okta_ingest_bench';
const token = `ozb_bench-${randomBytes(12).toString('hex')}`;

async function main(): Promise<void> {
  const runDir = mkdtempSync(path.join(tmpdir(), 'okta-ingest-bench-'));
  const tenantsFile = path.join(runDir, 'tenants.yaml');
  writeFileSync(
    tenantsFile,
    `tenants:\n  - id: bench\n    name: Bench\n    okta:\n      scimTokens: [{ id: bench, digest: ${digestToken(token)} }]\n      inboundRateLimit: { requestsPerSecond: 100000, burst: 100000 }\n    zoom: { auth: { type: bearer, token: { env: ZOOM_TOKEN } } }\n`,
  );
  await recreateDatabase(databaseUrl);
  const service = spawnService(root, 'okta-ingest', PORT, { TENANTS_FILE: tenantsFile, DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' }, runDir);
  const baseUrl = `http://127.0.0.1:${PORT}/scim/v2`;
  const http = new BenchHttp(baseUrl, token, CONNECTIONS);
  try {
    await waitUntilReady(`http://127.0.0.1:${PORT}/health/ready`, service, 60_000);
    log(`seeding ${USERS} users`);
    const users = await seedUsers(databaseUrl, 'bench', USERS);
    const rss = new RssSampler(service.process.pid!, (pid) => readFileSync(`/proc/${pid}/status`, 'utf8'));
    const groups = await createGroups(http, 50);

    log('lookups: GET /Users?filter=userName eq "…" (10 connections, 3000 requests)');
    const lookups = await lookupPhase(http, users.map((user) => user.userName));
    log(`lookups p50 ${lookups.p50} ms, p99 ${lookups.p99} ms`);

    log('import paging: every page of 100 through all users');
    const paging = await pagingPhase(http);
    log(`paging: ${paging.pages} pages, slowest ${paging.max} ms, p99 ${paging.p99} ms`);

    log(`mixed traffic: ${CONNECTIONS} connections for ${DURATION_MS / 1000} s`);
    const mixed = await runMixedLoad({ http, users, groups, connections: CONNECTIONS, durationMs: DURATION_MS, runId: randomBytes(4).toString('hex') });
    const totals = mixed.recorder.totals();
    const peakRssMb = rss.stop();
    const results = {
      recordedAt: new Date().toISOString(),
      machine: { cpus: cpus().length, model: cpus()[0]?.model ?? 'unknown', node: process.version },
      users: USERS,
      lookupWith100kUsers: lookups,
      importPaging: paging,
      mixed: {
        connections: CONNECTIONS,
        seconds: mixed.elapsedMs / 1000,
        requestsPerSecond: Math.round((totals.count / mixed.elapsedMs) * 1000 * 10) / 10,
        ...totals,
        byKind: mixed.recorder.summary(),
        errorExamples: mixed.recorder.errorExamples,
      },
      oktaIngestPeakRssMb: peakRssMb,
    };
    const file = path.join(root, 'bench', 'results', 'okta-ingest.json');
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
    process.stdout.write(`${JSON.stringify(results, null, 2)}\nwritten to ${file}\n`);
  } finally {
    http.close();
    await stopService(service);
  }
}

async function createGroups(http: BenchHttp, count: number): Promise<{ id: string; displayName: string }[]> {
  const groups = [];
  for (let index = 0; index < count; index += 1) {
    const displayName = `Bench group ${index}`;
    const answer = await http.request('POST', '/Groups', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName, members: [] });
    if (answer.status !== 201) {
      throw new Error(`could not create ${displayName}: ${answer.status} ${answer.body}`);
    }
    groups.push({ id: (JSON.parse(answer.body) as { id: string }).id, displayName });
  }
  return groups;
}

async function lookupPhase(http: BenchHttp, userNames: string[]): Promise<ReturnType<typeof percentiles> & { errors: number }> {
  const recorder = new LatencyRecorder();
  let remaining = 3000;
  const loop = async (): Promise<void> => {
    while (remaining-- > 0) {
      const userName = userNames[Math.floor(Math.random() * userNames.length)];
      const [answer, ms] = await timed(() => http.request('GET', `/Users?filter=${encodeURIComponent(`userName eq "${userName.toUpperCase()}"`)}`));
      recorder.record('lookup', ms, answer.status === 200 && answer.body.includes('"totalResults":1'), answer.body);
    }
  };
  await Promise.all(Array.from({ length: 10 }, loop));
  const { count: _count, ...totals } = recorder.totals();
  return totals;
}

async function pagingPhase(http: BenchHttp): Promise<ReturnType<typeof percentiles> & { pages: number; errors: number }> {
  const latencies: number[] = [];
  let errors = 0;
  for (let startIndex = 1, total = Infinity; startIndex <= total; startIndex += 100) {
    const [answer, ms] = await timed(() => http.request('GET', `/Users?startIndex=${startIndex}&count=100`));
    latencies.push(ms);
    if (answer.status !== 200) {
      errors += 1;
      break;
    }
    total = (JSON.parse(answer.body) as { totalResults: number }).totalResults;
  }
  return { pages: latencies.length, errors, ...percentiles(latencies) };
}

function log(line: string): void {
  process.stderr.write(`[bench] ${line}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
