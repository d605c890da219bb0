import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
import { ALL_TOPICS, Topics } from '@bridge/contracts';
import { ensureTopics } from '@bridge/kafka';
import { CONSUMER_NICENESS as DEFAULT_CONSUMER_NICENESS, OktaScimClient, consumerLag, SERVICES, dropDatabase, oktaUserBody, startLocalStack, type LocalStack, type ServiceName } from '@bridge/testing';
// The benchmark reads zoom-sim's call log; only its type is shared, production code never imports it.
// eslint-disable-next-line @nx/enforce-module-boundaries
import type { CallView } from '../../../zoom-sim/src/call-log/call-log.service';
import { log, percentiles, round, sleep } from './bench-figures';

/**
 * The zoom-writer benchmark: the whole local stack as processes, zoom-sim's demo account at
 * 80 Light/s and 60 Medium/s, a warm-up import of BENCH_WARM_UP_USERS (not measured), then an
 * Okta-shaped import of BENCH_USERS creates from 20
 * connections with deactivations sent in the middle of it, and finally single creates with no
 * backlog. Every figure comes from zoom-sim's call log, so it is what Zoom would have seen.
 * Last, with zoom-sim throttling the account to zero, a profile update for every imported user
 * builds a backlog of BENCH_USERS commands in the writer's queue while its memory is sampled.
 * Prints the figures and writes them to bench/results/zoom-writer.json.
 */
const root = path.resolve(__dirname, '..', '..', '..', '..', '..');
const USERS = Number(process.env['BENCH_USERS'] ?? 10_000);
const CONNECTIONS = Number(process.env['BENCH_CONNECTIONS'] ?? 20);
const DEACTIVATIONS = Number(process.env['BENCH_DEACTIVATIONS'] ?? 50);
const SINGLE_CREATES = Number(process.env['BENCH_SINGLE_CREATES'] ?? 50);
/** Users created through the whole pipeline before the import, not measured: long-running services are warm. */
const WARM_UP_USERS = Number(process.env['BENCH_WARM_UP_USERS'] ?? 400);
const BASE_PORT = Number(process.env['BENCH_BASE_PORT'] ?? 18280);
/** Added to the niceness of the services other than zoom-writer and zoom-sim; 0 runs everything alike. */
const CONSUMER_NICENESS = Number(process.env['BENCH_CONSUMER_NICENESS'] ?? DEFAULT_CONSUMER_NICENESS);
/** What this measures, and what stands for Zoom's own machines, at the normal CPU priority. */
const PRIORITIZED: readonly ServiceName[] = ['zoom-writer', 'zoom-sim'];
const LIGHT_PER_SECOND = 80;
const MEDIUM_PER_SECOND = 60;
const databaseUrl = process.env['BENCH_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/zoom_writer_bench';
const ACCOUNT = 'demo-account';
const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

interface Call {
  seq: number;
  atMs: number;
  method: string;
  path: string;
  status: number;
  label?: string;
  rateLimited: boolean;
  active?: boolean;
}


/** Follows zoom-sim's call log of the account, keeping every call since it started. */
class CallLogFollower {
  readonly calls: Call[] = [];
  private since = 0;
  private timer: NodeJS.Timeout | undefined;
  private polling: Promise<void> = Promise.resolve();

  constructor(private readonly zoomSimUrl: string) {}

  start(intervalMs = 200): void {
    this.timer = setInterval(() => {
      this.poll().catch((error: unknown) => log(`call log poll failed: ${String(error)}`));
    }, intervalMs);
  }

  /** Stops polling without a last read (when the run failed). */
  halt(): void {
    clearInterval(this.timer);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.poll();
  }

  /**
   * Reads what the log gained since the last read. Reads are chained, never concurrent: two reads
   * from the same `since` would each append the same calls and every figure would count them twice.
   */
  poll(): Promise<void> {
    const next = this.polling.catch(() => undefined).then(() => this.readNewCalls());
    this.polling = next;
    return next;
  }

  private async readNewCalls(): Promise<void> {
    for (;;) {
      const response = await fetch(`${this.zoomSimUrl}/_control/accounts/${ACCOUNT}/calls?since=${this.since}&limit=50000`);
      const page = (await response.json()) as { calls: CallView[]; lastSeq: number };
      for (const call of page.calls) {
        if (call.seq <= this.since) {
          continue;
        }
        this.calls.push({
          seq: call.seq,
          atMs: Date.parse(call.at),
          method: call.method,
          path: call.path,
          status: call.status,
          label: call.label,
          rateLimited: call.rateLimited,
          active: call.body?.active,
        });
      }
      this.since = Math.max(this.since, page.lastSeq);
      if (page.calls.length < 50000) {
        return;
      }
    }
  }

  /** Reads what the log holds so far and forgets it: only calls made after this count. */
  async skipToNow(): Promise<void> {
    await this.poll();
    this.calls.length = 0;
  }

  createdUsers(): number {
    return this.calls.filter((call) => call.method === 'POST' && isUsersPath(call.path) && call.status === 201).length;
  }
}

/** Peak and samples of a process's resident memory, from /proc. */
class RssSampler {
  private readonly samplesKb: number[] = [];
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly pid: number) {
    this.timer = setInterval(() => this.sample(), 250);
  }

  stop(): { peakMb: number; meanMb: number; samples: number } {
    clearInterval(this.timer);
    this.sample();
    const peak = Math.max(0, ...this.samplesKb);
    const mean = this.samplesKb.reduce((sum, kb) => sum + kb, 0) / Math.max(1, this.samplesKb.length);
    return { peakMb: round(peak / 1024), meanMb: round(mean / 1024), samples: this.samplesKb.length };
  }

  private sample(): void {
    try {
      const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${this.pid}/status`, 'utf8'));
      if (match) {
        this.samplesKb.push(Number(match[1]));
      }
    } catch {
      // The process is gone; the samples so far stand.
    }
  }
}

async function main(): Promise<void> {
  const runDir = mkdtempSync(path.join(tmpdir(), 'zoom-writer-bench-'));
  const runId = randomBytes(3).toString('hex');
  await dropDatabase(databaseUrl);
  log('starting every consumer group of the run at the end of its topics');
  const groupSuffix = `bench-${runId}`;
  await startGroupsAtTheEnd(groupSuffix);
  log(`starting the local stack on ports ${BASE_PORT}… (logs in ${runDir}/logs)`);
  // okta-ingest's own inbound limit must not be what paces the import: this measures the writer.
  // The writer, and zoom-sim standing for Zoom's own machines, run first on this shared machine
  // (in Kubernetes the writer has its CPU request, and Zoom's clock is not slowed by the bridge's
  // load); the rest of the pipeline takes the CPU they leave and catches up through Kafka.
  const stack = await startLocalStack({
    root,
    runDir,
    databaseUrl,
    basePort: BASE_PORT,
    groupSuffix,
    inboundRequestsPerSecond: 2000,
    consumerNiceness: CONSUMER_NICENESS,
    prioritized: PRIORITIZED,
  });
  try {
    await configureAccount(stack.zoomSimUrl);
    const results = await runBench(stack, runId);
    const file = path.join(root, 'bench', 'results', 'zoom-writer.json');
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
    process.stdout.write(`${JSON.stringify(results, null, 2)}\nwritten to ${file}\n`);
  } finally {
    await stack.stop();
    await dropDatabase(databaseUrl).catch((error: unknown) => log(`could not drop the bench database: ${String(error)}`));
  }
}

/** Samples, once a second, how far each consumer group of the path is behind its topic. */
class LagSampler {
  private readonly admin;
  private readonly maxLag = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  private sampling: Promise<void> = Promise.resolve();

  constructor(
    kafka: Kafka,
    private readonly groups: { name: string; groupId: string; topic: string }[],
  ) {
    this.admin = kafka.admin();
  }

  async start(): Promise<void> {
    await this.admin.connect();
    this.timer = setInterval(() => {
      this.sampling = this.sampling.then(() => this.sample()).catch((error: unknown) => log(`lag sample failed: ${String(error)}`));
    }, 1000);
  }

  async stop(): Promise<Record<string, number>> {
    clearInterval(this.timer);
    await this.sampling;
    await this.admin.disconnect();
    return Object.fromEntries(this.groups.map((group) => [group.name, this.maxLag.get(group.name) ?? 0]));
  }

  private async sample(): Promise<void> {
    for (const group of this.groups) {
      const lag = await consumerLag(this.admin, group.groupId, [group.topic]);
      this.maxLag.set(group.name, Math.max(this.maxLag.get(group.name) ?? 0, lag));
    }
  }
}

async function runBench(stack: LocalStack, runId: string): Promise<Record<string, unknown>> {
  const okta = new OktaScimClient(stack.scimBaseUrl, stack.scimToken);
  const follower = new CallLogFollower(stack.zoomSimUrl);
  const writer = stack.services.find((service) => service.name === 'zoom-writer');
  if (writer?.process.pid === undefined) {
    throw new Error('zoom-writer is not running');
  }
  await warmUp(stack, okta, `${runId}w`);
  // The warm-up's calls are not the import's.
  await follower.skipToNow();
  follower.start();
  try {
    return await measure(stack, runId, okta, follower, writer.process.pid);
  } finally {
    follower.halt();
  }
}

/**
 * A small import through the whole pipeline, waited for until Zoom has every user: the services'
 * code is compiled and their pools and connections are open before the measured import starts,
 * as in a stack that has been running (a cold stack fed the writer under its budget for its first
 * seconds).
 */
async function warmUp(stack: LocalStack, okta: OktaScimClient, runId: string): Promise<void> {
  if (WARM_UP_USERS <= 0) {
    return;
  }
  log(`warming up: ${WARM_UP_USERS} users through the whole pipeline, not measured`);
  const tally = { created: 0, throttled: 0, failed: 0, failureExamples: [] as string[] };
  let next = 0;
  const send = async (): Promise<void> => {
    while (next < WARM_UP_USERS) {
      await postWithRetry(okta, oktaUserBody(profile(runId, next++)), tally);
    }
  };
  await Promise.all(Array.from({ length: CONNECTIONS }, send));
  const deadline = Date.now() + 120_000;
  for (;;) {
    const userNames = [...(await zoomIdsByUserName(stack.zoomSimUrl)).keys()];
    if (userNames.filter((userName) => userName.startsWith(`bench-${runId}-`)).length >= tally.created) {
      return;
    }
    if (Date.now() > deadline) {
      throw new Error(`the warm-up's ${tally.created} users did not all reach zoom-sim within 120 s`);
    }
    await sleep(500);
  }
}

async function measure(stack: LocalStack, runId: string, okta: OktaScimClient, follower: CallLogFollower, writerPid: number): Promise<Record<string, unknown>> {

  log(`import: ${USERS} creates from ${CONNECTIONS} connections`);
  const suffix = `bench-${runId}`;
  const lag = new LagSampler(new Kafka({ clientId: 'zoom-writer-bench-lag', brokers: (process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092').split(','), logLevel: logLevel.NOTHING }), [
    { name: 'mapping on scim.user.changed', groupId: `mapping-${suffix}`, topic: Topics.scimUserChanged },
    { name: 'zoom-writer on zoom.user.command', groupId: `zoom-writer-${suffix}`, topic: Topics.zoomUserCommand },
    { name: 'audit on zoom.call.result', groupId: `audit-${suffix}`, topic: Topics.zoomCallResult },
  ]);
  await lag.start();
  const rss = new RssSampler(writerPid);
  const importStart = Date.now();
  const scimIds: string[] = new Array<string>(USERS);
  const ingest = { created: 0, throttled: 0, failed: 0, failureExamples: [] as string[] };
  let next = 0;
  const deactivationsSent = new Map<string, number>();
  let deactivating: Promise<void> | undefined;
  const sendCreates = async (): Promise<void> => {
    while (next < USERS) {
      const index = next++;
      const answer = await postWithRetry(okta, oktaUserBody(profile(runId, index)), ingest);
      if (answer !== undefined) {
        scimIds[index] = answer;
      }
      // Mid-import (a third of the users sent), revoke the earliest users, which Zoom already has.
      if (index === Math.floor(USERS / 3) && deactivating === undefined) {
        deactivating = deactivateEarliest(okta, scimIds, deactivationsSent);
      }
    }
  };
  await Promise.all(Array.from({ length: CONNECTIONS }, sendCreates));
  const sentMs = Date.now() - importStart;
  await deactivating;
  log(`okta-ingest accepted ${ingest.created} creates in ${round(sentMs / 1000)} s (${ingest.throttled} throttled by okta-ingest and retried)`);

  const importDeadlineMs = Math.max(600_000, (USERS / LIGHT_PER_SECOND) * 3000);
  while (follower.createdUsers() < ingest.created && Date.now() - importStart < importDeadlineMs) {
    await sleep(500);
    await follower.poll();
  }
  const lastCreate = follower.calls.filter((call) => call.method === 'POST' && isUsersPath(call.path) && call.status === 201).at(-1);
  const importSeconds = ((lastCreate?.atMs ?? Date.now()) - importStart) / 1000;
  const rssFigures = rss.stop();
  const maxConsumerLag = await lag.stop();
  log(`import done in ${round(importSeconds)} s; zoom-writer RSS peak ${rssFigures.peakMb} MB`);

  const importCalls = follower.calls.filter((call) => call.atMs >= importStart && call.atMs <= (lastCreate?.atMs ?? Date.now()));
  const throughput = sustainedWrites(importCalls);
  // While okta-ingest still takes creates the whole machine is busy; after that the writer mostly has it to itself.
  const sendingEnd = importStart + sentMs;
  const whileSending = sustainedWrites(importCalls.filter((call) => call.atMs < sendingEnd));
  const afterSending = sustainedWrites(importCalls.filter((call) => call.atMs >= sendingEnd));
  const throttling = throttlingFigures(importCalls);

  // Zoom ids → SCIM ids, so each deactivation PATCH in the call log finds its Okta request.
  const zoomIds = await zoomIdsByUserName(stack.zoomSimUrl);
  const deactivation = deactivationLatency(follower.calls, zoomIds, deactivationsSent, runId, scimIds);

  log(`single creates with no backlog: ${SINGLE_CREATES}, one at a time`);
  const single = await singleCreates(okta, follower, runId, ingest);
  await follower.stop();
  // Duplicates show as more successful POST /Users than users Okta created, or than distinct users Zoom holds.
  const zoomUserNames = [...(await zoomIdsByUserName(stack.zoomSimUrl)).keys()];
  const zoomUsersOfImport = zoomUserNames.filter((userName) => userName.startsWith(`bench-${runId}-`)).length;
  const zoomUsersOfSingles = zoomUserNames.filter((userName) => userName.startsWith(`bench-${runId}s-`)).length;

  log(`backlog: Zoom throttled to zero, ${USERS} profile updates queue up in zoom-writer`);
  const backlog = await backlogPhase(stack, okta, scimIds, writerPid);
  log(`backlog: ${backlog.commandsQueuedPeak} commands queued, zoom-writer RSS peak ${backlog.zoomWriterRss.peakMb} MB`);

  const budgetTarget = 1.1 * (USERS / LIGHT_PER_SECOND) + 30;
  return {
    recordedAt: new Date().toISOString(),
    machine: { cpus: cpus().length, model: cpus()[0]?.model ?? 'unknown', node: process.version, note: 'shared box' },
    priority: { normal: PRIORITIZED, othersNiceness: CONSUMER_NICENESS },
    warmUpUsers: WARM_UP_USERS,
    users: USERS,
    connections: CONNECTIONS,
    zoomLimits: { lightPerSecond: LIGHT_PER_SECOND, mediumPerSecond: MEDIUM_PER_SECOND },
    oktaIngest: { ...ingest, secondsToSendAll: round(sentMs / 1000) },
    import: {
      seconds: round(importSeconds),
      targetSeconds: round(budgetTarget),
      withinTarget: importSeconds <= budgetTarget,
      successfulZoomCreates: follower.createdUsers(),
      oktaCreates: ingest.created,
      zoomUsersOfImport,
      zoomUsersOfSingles,
      duplicateZoomCreates: follower.createdUsers() - zoomUsersOfImport - zoomUsersOfSingles,
    },
    writes: {
      ...throughput,
      shareOfBudget: round(throughput.sustainedPerSecond / LIGHT_PER_SECOND),
      targetShare: 0.95,
      whileOktaIngestTakesCreates: { seconds: whileSending.seconds, shareOfBudget: round(whileSending.sustainedPerSecond / LIGHT_PER_SECOND) },
      afterOktaIngestTookThemAll: { seconds: afterSending.seconds, shareOfBudget: round(afterSending.sustainedPerSecond / LIGHT_PER_SECOND) },
    },
    throttling: { ...throttling, targetShare429: 0.01 },
    deactivation: { ...deactivation, targetP99Ms: 5000 },
    maxConsumerLagDuringImport: maxConsumerLag,
    singleCreateLatency: { ...single.latency, count: single.created, targetP99Ms: 1000 },
    zoomWriterRss: { ...rssFigures, targetMb: 256 },
    backlog,
  };
}

/**
 * With the account throttled to zero, PUTs a changed title for every imported user (the way
 * Okta pushes a profile change), waits until zoom-writer's queue holds all of them, and samples
 * the writer's resident memory from the first update until the queue is full.
 */
async function backlogPhase(
  stack: LocalStack,
  okta: OktaScimClient,
  scimIds: string[],
  writerPid: number,
): Promise<{ updatesAccepted: number; commandsQueuedPeak: number; zoomWriterRss: ReturnType<RssSampler['stop']> & { targetMb: number } }> {
  await setFaults(stack.zoomSimUrl, { throttleToZero: true });
  const database = new Client({ connectionString: databaseUrl });
  await database.connect();
  const rss = new RssSampler(writerPid);
  let peak = 0;
  const queued = async (): Promise<number> => {
    const { rows } = await database.query<{ n: string }>('SELECT count(*) AS n FROM zoom_writer.user_command WHERE tenant_id = $1', [stack.tenantId]);
    peak = Math.max(peak, Number(rows[0].n));
    return peak;
  };
  let sampling: NodeJS.Timeout | undefined;
  try {
    const ids = scimIds.filter((id): id is string => id !== undefined);
    let next = 0;
    let accepted = 0;
    const sendUpdates = async (): Promise<void> => {
      while (next < ids.length) {
        const index = next++;
        const id = ids[index];
        const user = await okta.request('GET', `/Users/${id}`);
        const answer = await okta.request('PUT', `/Users/${id}`, { ...user.body, title: `Backlog title ${index}` });
        if (answer.status === 200) {
          accepted += 1;
        }
      }
    };
    sampling = setInterval(() => void queued().catch(() => undefined), 1000);
    await Promise.all(Array.from({ length: CONNECTIONS }, sendUpdates));
    clearInterval(sampling);
    for (let waited = 0; waited < 120_000 && (await queued()) < accepted; waited += 500) {
      await sleep(500);
    }
    // A few more samples with the backlog standing.
    for (let index = 0; index < 8; index += 1) {
      await sleep(250);
      await queued();
    }
    return { updatesAccepted: accepted, commandsQueuedPeak: peak, zoomWriterRss: { ...rss.stop(), targetMb: 256 } };
  } finally {
    // Also when the phase failed: no sampler may outlive it.
    clearInterval(sampling);
    rss.stop();
    await database.end();
    await setFaults(stack.zoomSimUrl, { throttleToZero: false });
  }
}

async function setFaults(zoomSimUrl: string, faults: Record<string, unknown>): Promise<void> {
  const response = await fetch(`${zoomSimUrl}/_control/accounts/${ACCOUNT}/faults`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(faults),
  });
  if (!response.ok) {
    throw new Error(`zoom-sim refused the faults ${JSON.stringify(faults)}: ${response.status} ${await response.text()}`);
  }
}

/** POSTs one Okta-shaped create, retrying when okta-ingest throttles (as Okta does); the SCIM id or nothing. */
async function postWithRetry(
  okta: OktaScimClient,
  body: Record<string, unknown>,
  ingest: { created: number; throttled: number; failed: number; failureExamples: string[] },
): Promise<string | undefined> {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const answer = await okta.request('POST', '/Users', body);
    if (answer.status === 201) {
      ingest.created += 1;
      return String(answer.body['id']);
    }
    if (answer.status === 429 || answer.status === 503) {
      ingest.throttled += 1;
      await sleep(Number(answer.headers.get('retry-after') ?? 1) * 1000);
      continue;
    }
    ingest.failed += 1;
    if (ingest.failureExamples.length < 5) {
      ingest.failureExamples.push(`${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`);
    }
    return undefined;
  }
  ingest.failed += 1;
  return undefined;
}

async function deactivateEarliest(okta: OktaScimClient, scimIds: string[], sent: Map<string, number>): Promise<void> {
  const targets = scimIds.slice(0, DEACTIVATIONS * 2).filter((id): id is string => id !== undefined).filter((_, index) => index % 2 === 0);
  log(`mid-import: deactivating ${targets.length} users`);
  await Promise.all(
    targets.map(async (id) => {
      const startedAt = Date.now();
      // Okta retries a throttled request after Retry-After; the clock runs from the first attempt.
      for (let attempt = 0; attempt < 20; attempt += 1) {
        const answer = await okta.deactivateUser(id);
        if (answer.status === 200) {
          sent.set(id, startedAt);
          return;
        }
        if (answer.status !== 429 && answer.status !== 503) {
          log(`deactivation of ${id} answered ${answer.status}`);
          return;
        }
        await sleep(Number(answer.headers.get('retry-after') ?? 1) * 1000);
      }
    }),
  );
}

function deactivationLatency(
  calls: Call[],
  zoomIds: Map<string, string>,
  sent: Map<string, number>,
  runId: string,
  scimIds: string[],
): Record<string, unknown> {
  const scimIdByZoomId = new Map<string, string>();
  scimIds.forEach((scimId, index) => {
    const zoomId = zoomIds.get(profile(runId, index).userName);
    if (zoomId !== undefined && scimId !== undefined) {
      scimIdByZoomId.set(zoomId, scimId);
    }
  });
  // zoom-sim's call log keeps a PATCH's operations, not their values: any successful change of a revoked user after the revocation counts.
  const latencies: number[] = [];
  const seen = new Set<string>();
  for (const call of calls) {
    if ((call.method !== 'PATCH' && call.method !== 'PUT') || call.status >= 300 || call.active === true) {
      continue;
    }
    const scimId = scimIdByZoomId.get(call.path.split('/').at(-1) ?? '');
    const sentAt = scimId === undefined ? undefined : sent.get(scimId);
    if (scimId !== undefined && sentAt !== undefined && call.atMs >= sentAt && !seen.has(scimId)) {
      seen.add(scimId);
      latencies.push(call.atMs - sentAt);
    }
  }
  return { sent: sent.size, seenInactiveInZoom: latencies.length, ...percentiles(latencies) };
}

async function singleCreates(
  okta: OktaScimClient,
  follower: CallLogFollower,
  runId: string,
  ingest: { created: number; throttled: number; failed: number; failureExamples: string[] },
): Promise<{ created: number; latency: ReturnType<typeof percentiles> }> {
  await sleep(3000);
  const latencies: number[] = [];
  for (let index = 0; index < SINGLE_CREATES; index += 1) {
    await follower.poll();
    const before = follower.calls.length;
    const startedAt = Date.now();
    const id = await postWithRetry(okta, oktaUserBody(profile(`${runId}s`, index)), ingest);
    if (id === undefined) {
      continue;
    }
    for (let waited = 0; waited < 30_000; waited += 20) {
      await sleep(20);
      await follower.poll();
      const create = follower.calls.slice(before).find((call) => call.method === 'POST' && isUsersPath(call.path) && call.status === 201);
      if (create !== undefined) {
        latencies.push(create.atMs - startedAt);
        break;
      }
    }
    await sleep(100);
  }
  return { created: latencies.length, latency: percentiles(latencies) };
}

/** Write calls (Light) per second over the whole seconds between the first and the last create. */
function sustainedWrites(calls: Call[]): {
  totalWrites: number;
  seconds: number;
  sustainedPerSecond: number;
  peakSecond: number;
  meanAllowedLightPerSecond: number;
  secondsByWrites?: Record<string, number>;
  /** Writes Zoom let through in each whole second, in order: where the shortfall is. */
  perSecond?: string;
} {
  const writes = calls.filter((call) => WRITE_METHODS.has(call.method));
  const allowedLight = calls.filter((call) => call.label === 'Light' && !call.rateLimited);
  if (writes.length === 0) {
    return { totalWrites: 0, seconds: 0, sustainedPerSecond: 0, peakSecond: 0, meanAllowedLightPerSecond: 0 };
  }
  const perSecond = new Map<number, number>();
  for (const call of writes.filter((write) => !write.rateLimited)) {
    const second = Math.floor(call.atMs / 1000);
    perSecond.set(second, (perSecond.get(second) ?? 0) + 1);
  }
  const first = Math.floor(writes[0].atMs / 1000) + 1;
  const last = Math.floor(writes[writes.length - 1].atMs / 1000) - 1;
  const seconds = Math.max(1, last - first + 1);
  let inside = 0;
  let lightInside = 0;
  for (let second = first; second <= last; second += 1) {
    inside += perSecond.get(second) ?? 0;
  }
  for (const call of allowedLight) {
    const second = Math.floor(call.atMs / 1000);
    if (second >= first && second <= last) {
      lightInside += 1;
    }
  }
  // Where a shortfall comes from: a few empty seconds (a stall) or many slightly short ones (pacing).
  const secondsByWrites: Record<string, number> = {};
  for (let second = first; second <= last; second += 1) {
    const count = perSecond.get(second) ?? 0;
    const bucket = count >= LIGHT_PER_SECOND * 0.95 ? 'atLeast95%' : count >= LIGHT_PER_SECOND * 0.85 ? '85-95%' : count >= LIGHT_PER_SECOND * 0.5 ? '50-85%' : 'under50%';
    secondsByWrites[bucket] = (secondsByWrites[bucket] ?? 0) + 1;
  }
  return {
    totalWrites: writes.length,
    seconds,
    sustainedPerSecond: round(inside / seconds),
    peakSecond: Math.max(...perSecond.values()),
    meanAllowedLightPerSecond: round(lightInside / seconds),
    secondsByWrites,
    perSecond: Array.from({ length: last - first + 1 }, (_, index) => perSecond.get(first + index) ?? 0).join(' '),
  };
}

/**
 * 429s, and calls of the same label that reached Zoom inside the Retry-After second of a 429
 * (`Retry-After: 1` for QPS) once the 429 could have been seen, i.e. more than 50 ms after it.
 */
function throttlingFigures(calls: Call[]): Record<string, unknown> {
  const throttled = calls.filter((call) => call.status === 429);
  const byLabel = new Map<string, number[]>();
  for (const call of calls) {
    const times = byLabel.get(call.label ?? '') ?? [];
    times.push(call.atMs);
    byLabel.set(call.label ?? '', times);
  }
  let callsBeforeRetryTime = 0;
  for (const call of throttled) {
    const times = byLabel.get(call.label ?? '') ?? [];
    callsBeforeRetryTime += times.filter((at) => at > call.atMs + 50 && at < call.atMs + 1000).length;
  }
  return {
    calls: calls.length,
    status429: throttled.length,
    share429: calls.length === 0 ? 0 : round(throttled.length / calls.length, 4),
    callsBeforeRetryTime,
    byStatus: Object.fromEntries(
      [...calls.reduce((counts, call) => counts.set(call.status, (counts.get(call.status) ?? 0) + 1), new Map<number, number>())].map(([status, count]) => [
        String(status),
        count,
      ]),
    ),
  };
}

/** A new group would start from the beginning of every topic, behind other runs' history; only this run's messages count. */
async function startGroupsAtTheEnd(groupSuffix: string): Promise<void> {
  const kafka = new Kafka({ clientId: 'zoom-writer-bench', brokers: (process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092').split(','), logLevel: logLevel.NOTHING });
  await ensureTopics(kafka, ALL_TOPICS.map((topic) => ({ topic })));
  const admin = kafka.admin();
  await admin.connect();
  try {
    const ends = await Promise.all(
      ALL_TOPICS.map(async (topic) => ({ topic, partitions: (await admin.fetchTopicOffsets(topic)).map((p) => ({ partition: p.partition, offset: p.high })) })),
    );
    await Promise.all(
      SERVICES.map(async (name) => {
        for (const { topic, partitions } of ends) {
          await admin.setOffsets({ groupId: `${name}-${groupSuffix}`, topic, partitions });
        }
      }),
    );
  } finally {
    await admin.disconnect();
  }
}

async function configureAccount(zoomSimUrl: string): Promise<void> {
  // Creates the demo account afresh (empty) with the limits the registry gives the writer.
  const response = await fetch(`${zoomSimUrl}/_control/accounts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      id: ACCOUNT,
      plan: 'Business',
      staticToken: 'zoom-sim-demo-token',
      oauth: { clientId: 'demo-client', clientSecret: 'demo-secret' },
      domains: ['example.com', 'acme.test'],
      rateLimits: { light: LIGHT_PER_SECOND, medium: MEDIUM_PER_SECOND },
    }),
  });
  if (!response.ok) {
    throw new Error(`zoom-sim refused the account: ${response.status} ${await response.text()}`);
  }
}

async function zoomIdsByUserName(zoomSimUrl: string): Promise<Map<string, string>> {
  const response = await fetch(`${zoomSimUrl}/_control/accounts/${ACCOUNT}/state`);
  const state = (await response.json()) as { users: { id: string; userName: string }[] };
  return new Map(state.users.map((user) => [user.userName.toLowerCase(), user.id]));
}

function profile(runId: string, index: number): { userName: string; givenName: string; familyName: string; externalId: string } {
  return { userName: `bench-${runId}-${index}@example.com`, givenName: `Given${index}`, familyName: `Family${index}`, externalId: `00ub${runId}${index}` };
}

function isUsersPath(callPath: string): boolean {
  return /\/scim2\/Users$/.test(callPath.split('?')[0]);
}


main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  // Samplers and pollers of a failed run may still hold timers; the stack is stopped by now.
  process.exit(1);
});
