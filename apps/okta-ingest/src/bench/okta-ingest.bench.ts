import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { Kafka, logLevel, type Admin } from 'kafkajs';
import { ALL_TOPICS, Topics } from '@bridge/contracts';
import { digestToken } from '@bridge/tenancy';
import { consumerLag, dropDatabase, spawnService, startLocalStack, stopService, waitUntilReady } from '@bridge/testing';
import { BenchHttp, LatencyRecorder, percentiles, timed } from './bench-http';
import { RssSampler, seedUsers } from './bench-seed';
import { runMixedLoad, runPacedLoad } from './mixed-load';
import { StatementSampler } from './statement-sampler';

/**
 * The okta-ingest benchmark. By default the whole local stack runs as processes (mapping,
 * zoom-writer, group-push and audit consume what okta-ingest publishes, as in production);
 * `BENCH_STACK=alone` runs okta-ingest by itself. 100,000 users are seeded by SQL, then:
 * lookups, import paging, Okta-shaped mixed traffic paced at BENCH_RATE requests/s from 50
 * connections for 60 s (the target) after a 10 s warm-up of it, and the same mix back to back for
 * a short while (capacity).
 * Prints the figures and writes them to bench/results/okta-ingest.json.
 */
const root = path.resolve(__dirname, '..', '..', '..', '..', '..');
const USERS = Number(process.env['BENCH_USERS'] ?? 100_000);
const CONNECTIONS = Number(process.env['BENCH_CONNECTIONS'] ?? 50);
const DURATION_MS = Number(process.env['BENCH_SECONDS'] ?? 60) * 1000;
const RATE = Number(process.env['BENCH_RATE'] ?? 500);
/**
 * The mix at the target rate before the measured minute, reported apart: the first seconds of
 * writes after the lookups and the paging meet code paths, statements and consumers not yet
 * warm (one cold run answered 600 ms in its first second and 117 ms in the second).
 */
const WARM_UP_MS = Number(process.env['BENCH_WARM_UP_SECONDS'] ?? 10) * 1000;
const SATURATION_MS = Number(process.env['BENCH_SATURATION_SECONDS'] ?? 20) * 1000;
const STACK = process.env['BENCH_STACK'] ?? 'all';
/**
 * The consumers' niceness above okta-ingest's: by default the lowest priority there is. What this
 * benchmark measures is the endpoint Okta waits on; the consumers are asynchronous, so on a
 * machine that every process shares they take the CPU okta-ingest leaves and catch up after (the
 * results say how far behind they were when the load stopped and how long they took to catch up).
 */
const CONSUMER_NICENESS = Number(process.env['BENCH_CONSUMER_NICENESS'] ?? 19);
/** What each consumer group of the stack reads (as its @ConsumeTopicBatch handlers say). */
const CONSUMED_TOPICS: Record<string, readonly string[]> = {
  mapping: [Topics.scimUserChanged],
  'zoom-writer': [Topics.zoomUserCommand],
  'group-push': [Topics.scimGroupChanged, Topics.zoomCallResult],
  audit: ALL_TOPICS,
};
const PORT = Number(process.env['BENCH_PORT'] ?? 18180);
const databaseUrl = process.env['BENCH_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/okta_ingest_bench';

interface Target {
  tenantId: string;
  token: string;
  baseUrl: string;
  pid: number;
  /** Every process of the run by name (services, and the broker and PostgreSQL when found), for CPU accounting. */
  pids: Record<string, number>;
  /** The stack's consumer groups (none when okta-ingest runs alone). */
  consumerGroups: Record<string, string>;
  stop(): Promise<void>;
}

/**
 * CPU seconds (user + system) and socket/file syscalls (reads + writes, from /proc/PID/io) each
 * process used between two readings. On this machine a syscall is expensive: the counts say
 * which hop of the pipeline pays.
 */
class CpuAccount {
  private readonly start: Record<string, { cpu: number; syscalls: number }>;
  constructor(
    private readonly pids: Record<string, number>,
    /** Processes found again at each reading: PostgreSQL opens backends as pools grow. */
    private readonly discover: () => Record<string, number>,
  ) {
    this.start = this.read();
  }

  /**
   * By process name; PostgreSQL's backends summed as `postgres`. A backend that appeared between
   * the readings counts whole (it was opened during the phase); one that ended meanwhile is lost.
   */
  since(): { cpuSeconds: Record<string, number>; syscalls: Record<string, number> } {
    const now = this.read();
    const cpuSeconds: Record<string, number> = {};
    const syscalls: Record<string, number> = {};
    for (const name of Object.keys(now)) {
      const before = this.start[name] ?? (name.startsWith('postgres:') ? { cpu: 0, syscalls: 0 } : undefined);
      if (before === undefined) {
        continue;
      }
      const key = name.startsWith('postgres:') ? 'postgres' : name;
      cpuSeconds[key] = round((cpuSeconds[key] ?? 0) + now[name].cpu - before.cpu);
      syscalls[key] = (syscalls[key] ?? 0) + now[name].syscalls - before.syscalls;
    }
    return { cpuSeconds, syscalls };
  }

  private read(): Record<string, { cpu: number; syscalls: number }> {
    const ticksPerSecond = 100;
    const out: Record<string, { cpu: number; syscalls: number }> = {};
    for (const [name, pid] of Object.entries({ ...this.pids, ...this.discover() })) {
      try {
        const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
        const io = readFileSync(`/proc/${pid}/io`, 'utf8');
        const count = (field: string): number => Number(new RegExp(`^${field}: (\\d+)$`, 'm').exec(io)?.[1] ?? 0);
        out[name] = { cpu: (Number(fields[11]) + Number(fields[12])) / ticksPerSecond, syscalls: count('syscr') + count('syscw') };
      } catch {
        // The process is gone.
      }
    }
    return out;
  }
}

/** Busy and total CPU ticks of the whole machine, from the first line of /proc/stat. */
function machineTicks(): { busy: number; total: number } {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const total = fields.reduce((sum, value) => sum + value, 0);
  // idle and iowait
  const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
  return { busy: total - idle, total };
}

/** How much of the machine's CPU (all cores) was busy between two readings, in percent. */
function busyShare(before: { busy: number; total: number }, after: { busy: number; total: number }): number {
  const total = after.total - before.total;
  return total > 0 ? round(((after.busy - before.busy) / total) * 100) : 0;
}

/** The Kafka broker's and PostgreSQL's main processes, found by their command lines. */
function infrastructurePids(): Record<string, number> {
  const found: Record<string, number> = {};
  for (const entry of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const command = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (found['kafka'] === undefined && command.includes('kafka.Kafka')) {
        found['kafka'] = Number(entry);
      } else if (command.startsWith('postgres')) {
        found[`postgres:${entry}`] = Number(entry);
      }
    } catch {
      // Gone meanwhile.
    }
  }
  return found;
}

const CATCH_UP_LIMIT_MS = 180_000;
/**
 * Behind by at most this many messages counts as caught up: zoom-writer keeps calling Zoom at its
 * rate for minutes after the load (its queue is in PostgreSQL), and audit and group-push read
 * those results as they come, a linger's worth behind.
 */
const CAUGHT_UP_MESSAGES = 50;

/** How far the stack's consumer groups are behind what okta-ingest published. */
class PipelineLag {
  private readonly kafka = new Kafka({ clientId: 'okta-ingest-bench-lag', brokers: (process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092').split(','), logLevel: logLevel.NOTHING });

  constructor(private readonly groups: Record<string, string>) {}

  /**
   * Waits until every group is at most CAUGHT_UP_MESSAGES behind; undefined when there are no consumers.
   * Reports the lag per group when called (the load just stopped) and the seconds it took.
   */
  async waitUntilCaughtUp(limitMs: number): Promise<{ seconds: number; lagWhenLoadStopped: Record<string, number> } | undefined> {
    if (Object.keys(this.groups).length === 0) {
      return undefined;
    }
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const started = Date.now();
      const lagWhenLoadStopped = await this.lag(admin);
      for (let lag = lagWhenLoadStopped; Object.values(lag).some((behind) => behind > CAUGHT_UP_MESSAGES); lag = await this.lag(admin)) {
        if (Date.now() - started > limitMs) {
          throw new Error(`the consumers did not catch up within ${limitMs / 1000} s: still behind by ${JSON.stringify(lag)}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      return { seconds: round((Date.now() - started) / 1000), lagWhenLoadStopped };
    } finally {
      await admin.disconnect();
    }
  }

  private async lag(admin: Admin): Promise<Record<string, number>> {
    const lag: Record<string, number> = {};
    for (const [name, groupId] of Object.entries(this.groups)) {
      lag[name] = await consumerLag(admin, groupId, CONSUMED_TOPICS[name] ?? []);
    }
    return lag;
  }
}

async function main(): Promise<void> {
  const runDir = mkdtempSync(path.join(tmpdir(), 'okta-ingest-bench-'));
  await dropDatabase(databaseUrl);
  const target = STACK === 'alone' ? await startAlone(runDir) : await startStack(runDir);
  const http = new BenchHttp(target.baseUrl, target.token, CONNECTIONS);
  try {
    log(`seeding ${USERS} users`);
    const users = await seedUsers(databaseUrl, target.tenantId, USERS);
    const rss = new RssSampler(target.pid, (pid) => readFileSync(`/proc/${pid}/status`, 'utf8'));
    const groups = await createGroups(http, 50);

    const userNames = users.map((user) => user.userName);
    // The first lookups after the seed meet cold code, plans and pool connections: not measured.
    const lookupWarmUp = await lookupPhase(http, userNames, 10, 1000);
    log(`lookup warm-up (10 connections, 1000 requests, not measured): p50 ${lookupWarmUp.p50} ms, p99 ${lookupWarmUp.p99} ms`);
    log('lookups: GET /Users?filter=userName eq "…" (10 connections, 3000 requests)');
    const lookups = await lookupPhase(http, userNames, 10, 3000);
    log('lookups from one connection (how Okta looks up one user before assigning it), 1000 requests');
    const singleLookups = await lookupPhase(http, userNames, 1, 1000);
    log(`one connection: p50 ${singleLookups.p50} ms, p99 ${singleLookups.p99} ms`);
    log(`lookups p50 ${lookups.p50} ms, p99 ${lookups.p99} ms`);

    log('import paging: every page of 100 through all users');
    const paging = await pagingPhase(http);
    log(`paging: ${paging.pages} pages, slowest ${paging.max} ms, p99 ${paging.p99} ms`);

    log(`warm-up: the same mix paced at ${RATE} requests/s for ${WARM_UP_MS / 1000} s (not part of the measurement)`);
    const warmUp = await runPacedLoad({ http, users, groups, connections: CONNECTIONS, durationMs: WARM_UP_MS, runId: randomBytes(4).toString('hex'), ratePerSecond: RATE });
    const warmUpTotals = warmUp.recorder.totals();
    log(`warm-up: p50 ${warmUpTotals.p50} ms, p99 ${warmUpTotals.p99} ms, ${warmUpTotals.errors} errors`);

    log(`mixed traffic paced at ${RATE} requests/s from ${CONNECTIONS} connections for ${DURATION_MS / 1000} s`);
    const pipeline = new PipelineLag(target.consumerGroups);
    const cpu = new CpuAccount({ ...target.pids, 'bench-client': process.pid }, infrastructurePids);
    const machineBefore = machineTicks();
    const statements = await StatementSampler.start(databaseUrl);
    const pacedStartedAt = new Date().toISOString();
    const paced = await runPacedLoad({ http, users, groups, connections: CONNECTIONS, durationMs: DURATION_MS, runId: randomBytes(4).toString('hex'), ratePerSecond: RATE });
    const pacedTotals = paced.recorder.totals();
    const pacedUsage = cpu.since();
    const activeStatements = await statements.stop();
    const machineBusy = busyShare(machineBefore, machineTicks());
    log(`paced: ${round((pacedTotals.count / paced.elapsedMs) * 1000)} requests/s, p50 ${pacedTotals.p50} ms, p99 ${pacedTotals.p99} ms, ${pacedTotals.errors} errors`);
    const catchUp = await pipeline.waitUntilCaughtUp(CATCH_UP_LIMIT_MS);
    if (catchUp !== undefined) {
      log(`consumers caught up ${catchUp.seconds} s after the load stopped (behind by ${JSON.stringify(catchUp.lagWhenLoadStopped)} messages)`);
    }

    const peakRssMbBeforeCapacity = rss.peakMb();
    log(`capacity: the same mix back to back from ${CONNECTIONS} connections for ${SATURATION_MS / 1000} s`);
    const saturated = await runMixedLoad({ http, users, groups, connections: CONNECTIONS, durationMs: SATURATION_MS, runId: randomBytes(4).toString('hex') });
    const saturatedTotals = saturated.recorder.totals();
    const peakRssMb = rss.stop();
    const results = {
      recordedAt: new Date().toISOString(),
      machine: { cpus: cpus().length, model: cpus()[0]?.model ?? 'unknown', node: process.version },
      stack: STACK === 'alone' ? 'okta-ingest alone, with Kafka and PostgreSQL' : 'every service of the local stack, with Kafka and PostgreSQL',
      consumerNiceness: STACK === 'alone' ? undefined : CONSUMER_NICENESS,
      users: USERS,
      lookupWarmUp: { connections: 10, ...lookupWarmUp },
      lookupWith100kUsers: { connections: 10, ...lookups },
      lookupWith100kUsersOneConnection: singleLookups,
      importPaging: paging,
      mixedWarmUp: {
        seconds: round(warmUp.elapsedMs / 1000),
        requestsPerSecond: round((warmUpTotals.count / warmUp.elapsedMs) * 1000),
        ...warmUpTotals,
        perSecond: warmUp.recorder.perSecond(),
      },
      mixedPaced: {
        startedAt: pacedStartedAt,
        targetRequestsPerSecond: RATE,
        connections: CONNECTIONS,
        seconds: round(paced.elapsedMs / 1000),
        requestsPerSecond: round((pacedTotals.count / paced.elapsedMs) * 1000),
        sentLate: paced.late,
        cpuSecondsByProcess: pacedUsage.cpuSeconds,
        syscallsByProcess: pacedUsage.syscalls,
        postgresActiveStatements: activeStatements,
        machineBusyPercent: machineBusy,
        consumersCaughtUp: catchUp,
        ...pacedTotals,
        byKind: paced.recorder.summary(),
        errorExamples: paced.recorder.errorExamples,
        perSecond: paced.recorder.perSecond(),
      },
      mixedBackToBack: {
        connections: CONNECTIONS,
        seconds: round(saturated.elapsedMs / 1000),
        requestsPerSecond: round((saturatedTotals.count / saturated.elapsedMs) * 1000),
        ...saturatedTotals,
        byKind: saturated.recorder.summary(),
        errorExamples: saturated.recorder.errorExamples,
      },
      oktaIngestPeakRssMb: peakRssMb,
      /** The peak through the lookups, the paging and the paced traffic, before the capacity phase. */
      oktaIngestPeakRssMbBeforeCapacity: peakRssMbBeforeCapacity,
    };
    const file = path.join(root, 'bench', 'results', 'okta-ingest.json');
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
    process.stdout.write(`${JSON.stringify(results, null, 2)}\nwritten to ${file}\n`);
  } finally {
    http.close();
    await target.stop();
  }
}

/** okta-ingest as its only service. */
async function startAlone(runDir: string): Promise<Target> {
  const token = `ozb_bench-${randomBytes(12).toString('hex')}`;
  const tenantsFile = path.join(runDir, 'tenants.yaml');
  writeFileSync(
    tenantsFile,
    `tenants:\n  - id: bench\n    name: Bench\n    okta:\n      scimTokens: [{ id: bench, digest: ${digestToken(token)} }]\n      inboundRateLimit: { requestsPerSecond: 100000, burst: 100000 }\n    zoom: { auth: { type: bearer, token: { env: ZOOM_TOKEN } } }\n`,
  );
  const service = spawnService(root, 'okta-ingest', PORT, { TENANTS_FILE: tenantsFile, DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' }, runDir);
  await waitUntilReady(`http://127.0.0.1:${PORT}/health/ready`, service, 60_000);
  const pid = service.process.pid!;
  return { tenantId: 'bench', token, baseUrl: `http://127.0.0.1:${PORT}/scim/v2`, pid, pids: { 'okta-ingest': pid }, consumerGroups: {}, stop: () => stopService(service) };
}

/** Every service, each consuming from the end of the topics (earlier runs' traffic is not this run's load). */
async function startStack(runDir: string): Promise<Target> {
  log(`starting the local stack on ports ${PORT}… (logs in ${runDir}/logs)`);
  const groupSuffix = `bench-${randomBytes(3).toString('hex')}`;
  const stack = await startLocalStack({
    root,
    runDir,
    databaseUrl,
    basePort: PORT,
    groupSuffix,
    skipEarlierTraffic: true,
    inboundRequestsPerSecond: 100_000,
    consumerNiceness: CONSUMER_NICENESS,
  });
  const ingest = stack.services.find((service) => service.name === 'okta-ingest');
  const pids = Object.fromEntries(stack.services.map((service) => [service.name, service.process.pid!]));
  const consumerGroups = Object.fromEntries(Object.keys(CONSUMED_TOPICS).map((name) => [name, `${name}-${groupSuffix}`]));
  return { tenantId: stack.tenantId, token: stack.scimToken, baseUrl: stack.scimBaseUrl, pid: ingest!.process.pid!, pids, consumerGroups, stop: () => stack.stop() };
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

async function lookupPhase(http: BenchHttp, userNames: string[], connections: number, requests: number): Promise<ReturnType<typeof percentiles> & { errors: number }> {
  const recorder = new LatencyRecorder();
  let remaining = requests;
  const loop = async (): Promise<void> => {
    while (remaining-- > 0) {
      const userName = userNames[Math.floor(Math.random() * userNames.length)];
      const [answer, ms] = await timed(() => http.request('GET', `/Users?filter=${encodeURIComponent(`userName eq "${userName.toUpperCase()}"`)}`));
      recorder.record('lookup', ms, answer.status === 200 && answer.body.includes('"totalResults":1'), answer.body);
    }
  };
  await Promise.all(Array.from({ length: connections }, loop));
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

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

function log(line: string): void {
  process.stderr.write(`[bench] ${line}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
