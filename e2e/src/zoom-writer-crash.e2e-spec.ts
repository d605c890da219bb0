import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Kafka, Partitioners, logLevel, type Producer } from 'kafkajs';
import { Client } from 'pg';
import { Topics, createMessage, resourceKey, type ZoomUserCommand } from '@bridge/contracts';
import { ensureTopics } from '@bridge/kafka';
import { SchemaUrns } from '@bridge/scim';
import { spawnService, stopService, waitFor, waitUntilReady, type RunningService } from '@bridge/testing';

const root = path.resolve(__dirname, '..', '..');
const database = `zw_crash_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
const databaseUrl = `postgres://postgres@127.0.0.1:5432/${database}`;
const brokers = process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092';
const groupId = `zoom-writer-${database}`;
const tenantId = 'crash-tenant';
const account = 'crash-account';
const zoomToken = 'zoom-sim-crash-token';
const simPort = 18490;
const writerPort = 18481;
const simUrl = `http://127.0.0.1:${simPort}`;

interface SimCall {
  seq: number;
  method: string;
  path: string;
  status: number;
}

interface SimUser {
  id: string;
  userName: string;
}

/**
 * zoom-writer as its own process, killed with SIGKILL inside the window between Zoom making a
 * change and the writer recording it, then started again: the redo must link the user Zoom
 * already has, never create a second one.
 */
describe('zoom-writer killed between a Zoom call and its commit', () => {
  const runDir = mkdtempSync(path.join(tmpdir(), 'zoom-writer-crash-'));
  const logDir = path.join(runDir, 'logs');
  let sim: RunningService;
  let writer: RunningService | undefined;
  let producer: Producer;
  let db: Client;

  beforeAll(async () => {
    mkdirSync(logDir, { recursive: true });
    const admin = new Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres' });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${database}"`);
    await admin.end();
    const kafka = new Kafka({ clientId: 'zoom-writer-crash-e2e', brokers: brokers.split(','), logLevel: logLevel.NOTHING });
    await startGroupAtEnd(kafka);
    producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    sim = spawnService(root, 'zoom-sim', simPort, { ZOOM_SIM_ACCOUNTS: JSON.stringify([{ id: account, staticToken: zoomToken, domains: ['example.com'] }]) }, logDir);
    await waitUntilReady(`${simUrl}/health/ready`, sim, 60_000);
    await startWriter();
    db = new Client({ connectionString: databaseUrl });
    await db.connect();
  }, 120_000);

  afterAll(async () => {
    try {
      await db?.end();
      await producer?.disconnect();
    } finally {
      await Promise.all([writer, sim].filter((service): service is RunningService => service !== undefined).map((service) => stopService(service)));
      const admin = new Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres' });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      await admin.end();
    }
  }, 60_000);

  /**
   * Starts the compiled writer and waits until it is ready, or only alive (`until: 'live'`). After a
   * kill, readiness takes about 30 s: the new consumer joins its group only once Kafka has dropped
   * the dead member (session timeout). The durable queue does not wait for that, so a restart after
   * a kill waits only for the process to be up, and the redo must happen regardless.
   */
  async function startWriter(until: 'ready' | 'live' = 'ready'): Promise<void> {
    const registry = path.join(runDir, 'tenants.yaml');
    writeFileSync(registry, registryYaml());
    writer = spawnService(
      root,
      'zoom-writer',
      writerPort,
      {
        TENANTS_FILE: registry,
        DATABASE_URL: databaseUrl,
        KAFKA_BROKERS: brokers,
        KAFKA_GROUP_ID: groupId,
        CRASH_ZOOM_TOKEN: zoomToken,
        LANE_IDLE_POLL_MS: '200',
        RESULT_OUTBOX_POLL_MS: '200',
        // Longer than any answer zoom-sim holds back here: the kill, not a timeout, ends the call.
        ZOOM_REQUEST_TIMEOUT_MS: '60000',
        NODE_ENV: 'production',
      },
      logDir,
    );
    await waitUntilReady(`http://127.0.0.1:${writerPort}/health/${until}`, writer, 90_000);
  }

  async function killWriter(): Promise<void> {
    const child = writer?.process;
    if (child === undefined || child.exitCode !== null || child.signalCode !== null) {
      throw new Error('the writer is not running');
    }
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGKILL');
    await exited;
    writer = undefined;
  }

  async function send(command: ZoomUserCommand): Promise<void> {
    const message = createMessage(Topics.zoomUserCommand, { tenantId, correlationId: randomUUID() }, command);
    await producer.send({ topic: Topics.zoomUserCommand, acks: -1, messages: [{ key: resourceKey(tenantId, command.scimUserId), value: JSON.stringify(message) }] });
  }

  async function simUsers(userName: string): Promise<SimUser[]> {
    const state = (await (await fetch(`${simUrl}/_control/accounts/${account}/state`)).json()) as { users: SimUser[] };
    return state.users.filter((user) => user.userName === userName);
  }

  /** The account's calls after `since` (the call log masks userNames, so each test reads its own calls). */
  async function simCalls(since: number): Promise<SimCall[]> {
    return ((await (await fetch(`${simUrl}/_control/accounts/${account}/calls?since=${since}&limit=50000`)).json()) as { calls: SimCall[] }).calls;
  }

  async function lastCallSeq(): Promise<number> {
    return ((await (await fetch(`${simUrl}/_control/accounts/${account}/calls?limit=50000`)).json()) as { lastSeq: number }).lastSeq;
  }

  async function setFaults(faults: Record<string, unknown> | undefined): Promise<void> {
    const response = await fetch(`${simUrl}/_control/accounts/${account}/faults`, {
      method: faults === undefined ? 'DELETE' : 'PUT',
      headers: { 'content-type': 'application/json' },
      body: faults === undefined ? undefined : JSON.stringify(faults),
    });
    expect(response.ok).toBe(true);
  }

  const createsOf = (calls: SimCall[]): number[] => calls.filter((call) => call.method === 'POST' && call.path.endsWith('/Users')).map((call) => call.status);

  async function writerState(scimUserId: string): Promise<{ links: string[]; queued: { attempts: number }[]; deadLetters: number }> {
    const links = await db.query<{ zoom_user_id: string }>(`SELECT zoom_user_id FROM zoom_writer.user_link WHERE tenant_id = $1 AND scim_user_id = $2`, [tenantId, scimUserId]);
    const queued = await db.query<{ attempts: number }>(`SELECT attempts FROM zoom_writer.user_command WHERE tenant_id = $1 AND scim_user_id = $2`, [tenantId, scimUserId]);
    const letters = await db.query(`SELECT 1 FROM zoom_writer.dead_letter WHERE tenant_id = $1 AND scim_user_id = $2`, [tenantId, scimUserId]);
    return { links: links.rows.map((row) => row.zoom_user_id), queued: queued.rows, deadLetters: letters.rows.length };
  }

  /** After the restart: linked once, the command done (not dead-lettered), one Zoom user, one create. */
  async function expectRedoneByLinking(scimUserId: string, userName: string, since: number): Promise<void> {
    const linked = await waitFor('the restarted writer to link the user', async () => {
      const state = await writerState(scimUserId);
      return state.links.length === 1 && state.queued.length === 0 ? state : undefined;
    }, 60_000);
    const zoomUsers = await simUsers(userName);
    expect(zoomUsers).toHaveLength(1);
    expect(linked).toEqual({ links: [zoomUsers[0].id], queued: [], deadLetters: 0 });
    // A held-back answer is logged when it finally goes out.
    const calls = await waitFor('the first create in the call log', async () => {
      const all = await simCalls(since);
      return createsOf(all).length > 0 ? all : undefined;
    });
    expect(createsOf(calls)).toEqual([201]);
    // The redo knew its attempt may have reached Zoom, so it looked the user up instead of creating.
    expect(calls.some((call) => call.method === 'GET' && call.path.includes(encodeURIComponent(`"${userName}"`)))).toBe(true);
  }

  it('links the user Zoom created when the writer died before Zoom answered', async () => {
    const scimUserId = `late-${randomUUID()}`;
    const userName = `${scimUserId}@example.com`;
    const since = await lastCallSeq();
    // zoom-sim creates the user at once and holds the 201 back: the writer dies waiting for it.
    await setFaults({ answerDelayMs: 20_000 });
    await send(present(scimUserId, userName));
    await waitFor('zoom-sim to create the user', async () => ((await simUsers(userName)).length === 1 ? true : undefined), 60_000, 50);
    await killWriter();
    await setFaults(undefined);
    // The kill landed inside the window: Zoom has the user, the writer recorded nothing of it.
    expect(await writerState(scimUserId)).toEqual({ links: [], queued: [{ attempts: 1 }], deadLetters: 0 });

    await startWriter('live');
    await expectRedoneByLinking(scimUserId, userName, since);
  });

  it('links the user Zoom created when the writer died after the 201, before its commit', async () => {
    const scimUserId = `uncommitted-${randomUUID()}`;
    const userName = `${scimUserId}@example.com`;
    const since = await lastCallSeq();
    if (writer === undefined) {
      await startWriter();
    }
    // Holding the id map's lock stops the writer's closing statement at its write of the link.
    const blocker = new Client({ connectionString: databaseUrl });
    await blocker.connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query('LOCK TABLE zoom_writer.user_link IN EXCLUSIVE MODE');
      await send(present(scimUserId, userName));
      await waitFor('Zoom to answer 201 and the writer to wait on its commit', async () => {
        if (!createsOf(await simCalls(since)).includes(201)) {
          return undefined;
        }
        const { rows } = await blocker.query(
          `SELECT 1 FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid() AND wait_event_type = 'Lock' AND query LIKE '%"user_link"%'`,
          [database],
        );
        return rows.length === 1 ? true : undefined;
      }, 60_000, 50);
      await killWriter();
      // The closing statement is already at PostgreSQL, waiting for the lock: as one statement it
      // would commit once it got the lock, client gone or not. End its backend first, so the commit
      // is lost as when the writer dies before sending it (or PostgreSQL goes down under it).
      await blocker.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid() AND wait_event_type = 'Lock'`,
        [database],
      );
    } finally {
      await blocker.query('ROLLBACK');
      await blocker.end();
    }
    await waitFor('the dead writer\'s connections to close', async () => {
      const { rows } = await db.query(`SELECT 1 FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [database]);
      return rows.length === 0 ? true : undefined;
    });
    expect(await writerState(scimUserId)).toEqual({ links: [], queued: [{ attempts: 1 }], deadLetters: 0 });

    await startWriter('live');
    await expectRedoneByLinking(scimUserId, userName, since);
  });
});

function present(scimUserId: string, userName: string): ZoomUserCommand {
  return {
    scimUserId,
    userName,
    sourceChange: 'created',
    sourceVersion: 1,
    desired: { state: 'present', active: true, user: { schemas: [SchemaUrns.user], userName, name: { givenName: 'Ada', familyName: 'Lovelace' }, active: true } },
  };
}

/** A fresh group starts at the command topic's end: the shared broker's history belongs to others. */
async function startGroupAtEnd(kafka: Kafka): Promise<void> {
  await ensureTopics(kafka, [{ topic: Topics.zoomUserCommand }]);
  const admin = kafka.admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(Topics.zoomUserCommand);
    await admin.setOffsets({ groupId, topic: Topics.zoomUserCommand, partitions: offsets.map(({ partition, high }) => ({ partition, offset: high })) });
  } finally {
    await admin.disconnect();
  }
}

function registryYaml(): string {
  return `tenants:
  - id: ${tenantId}
    name: Crash test tenant
    okta: { scimTokens: [] }
    zoom:
      baseUrl: ${simUrl}/scim2
      accountId: ${account}
      auth: { type: bearer, token: { env: CRASH_ZOOM_TOKEN } }
      rateLimit: { lightPerSecond: 20, mediumPerSecond: 20 }
`;
}
