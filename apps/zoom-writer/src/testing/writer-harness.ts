import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Kafka, Partitioners, logLevel, type Producer } from 'kafkajs';
import { Client } from 'pg';
import { Topics, createMessage, resourceKey, type ZoomUserCommand } from '@bridge/contracts';
import { applyKafkajsIdleTimerFix, connectKafkaConsumer, ensureTopics } from '@bridge/kafka';
import { createLogger } from '@bridge/observability';
import { digestToken } from '@bridge/tenancy';
import { dropDatabase, waitFor } from '@bridge/testing';
// Tests drive the real simulator in-process; production code never imports it.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { createZoomSimApp } from '../../../zoom-sim/src/app.module';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { accountDefinitionSchema } from '../../../zoom-sim/src/state/account-config.schema';
import { loadZoomWriterConfig } from '../app.config';
import { AppModule } from '../app.module';

export const PLATFORM_TOKEN = 'ozb_platform-operator-test-token';

export interface HarnessTenant {
  id: string;
  /** zoom-sim account; tenants naming one account share its budget. */
  account: string;
  lightPerSecond?: number;
  mediumPerSecond?: number;
  dailyLimit?: number;
}

export interface HarnessOptions {
  tenants: HarnessTenant[];
  /** zoom-sim account definitions (fields of `POST /_control/accounts`), one per distinct account. */
  accounts: Record<string, unknown>[];
  brokers?: string;
  env?: Record<string, string>;
}

export interface WriterHarness {
  database: string;
  databaseUrl: string;
  simUrl: string;
  writerUrl: string;
  db: Client;
  send(tenantId: string, command: ZoomUserCommand): Promise<string>;
  simState(account: string): Promise<{ users: { id: string; userName: string; active: boolean; name?: { givenName?: string } }[] }>;
  simCalls(account: string): Promise<{ method: string; path: string; status: number; atMs: number }[]>;
  control(method: string, pathname: string, body?: unknown): Promise<unknown>;
  startWriter(): Promise<void>;
  stopWriter(): Promise<void>;
  close(): Promise<void>;
}

export function tokenOf(account: string): string {
  return `zoom-sim-token-${account}`;
}

/** zoom-writer in-process on a fresh database and its own consumer group, zoom-sim in-process, real Kafka. */
export async function startWriterHarness(options: HarnessOptions): Promise<WriterHarness> {
  applyKafkajsIdleTimerFix();
  const database = `zw_it_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const databaseUrl = `postgres://postgres@127.0.0.1:5432/${database}`;
  const brokers = options.brokers ?? process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092';
  const silent = createLogger('zoom-writer', { level: process.env['TEST_LOG_LEVEL'] ?? 'silent' });

  const sim = await createZoomSimApp({ config: { accounts: options.accounts.map((account) => accountDefinitionSchema.parse({ domains: ['example.com'], ...account })), callLogSize: 50_000 }, logger: createLogger('zoom-sim', { level: 'silent' }) });
  await sim.listen(0, '127.0.0.1');
  const simUrl = await sim.getUrl();

  const dir = mkdtempSync(path.join(tmpdir(), 'zoom-writer-it-'));
  const registry = path.join(dir, 'tenants.yaml');
  writeFileSync(registry, registryYaml(options.tenants, `${simUrl}/scim2`));
  const env: Record<string, string> = Object.fromEntries(options.tenants.map((tenant) => [envName(tenant.account), tokenOf(tenant.account)]));
  Object.assign(process.env, env);

  const kafka = new Kafka({ clientId: 'zoom-writer-it', brokers: brokers.split(','), logLevel: logLevel.NOTHING });
  await ensureTopics(kafka, [{ topic: Topics.zoomUserCommand }, { topic: Topics.zoomCallResult }, { topic: Topics.deadLetter }]);
  const groupId = `zoom-writer-${database}`;
  await skipHistory(kafka, groupId);
  const producer: Producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  const db = new Client({ connectionString: databaseUrl.replace(`/${database}`, '/postgres') });
  await db.connect();
  await db.query(`CREATE DATABASE "${database}"`);
  await db.end();
  const writerDb = new Client({ connectionString: databaseUrl });

  const config = loadZoomWriterConfig({
    TENANTS_FILE: registry,
    DATABASE_URL: databaseUrl,
    KAFKA_BROKERS: brokers,
    KAFKA_GROUP_ID: groupId,
    PORT: '0',
    LANE_IDLE_POLL_MS: '200',
    QUARANTINE_PROBE_INITIAL_MS: '300',
    RESULT_OUTBOX_POLL_MS: '200',
    ZOOM_RETRY_INITIAL_MS: '100',
    ZOOM_RETRY_MAX_MS: '2000',
    ...options.env,
  });
  let app: INestApplication | undefined;
  let writerUrl = '';
  const harness: WriterHarness = {
    database,
    databaseUrl,
    simUrl,
    get writerUrl() {
      return writerUrl;
    },
    db: writerDb,
    async send(tenantId, command) {
      const message = createMessage(Topics.zoomUserCommand, { tenantId, correlationId: randomUUID() }, command);
      await producer.send({ topic: Topics.zoomUserCommand, acks: -1, messages: [{ key: resourceKey(tenantId, command.scimUserId), value: JSON.stringify(message) }] });
      return message.id;
    },
    async simState(account) {
      return (await (await fetch(`${simUrl}/_control/accounts/${account}/state`)).json()) as Awaited<ReturnType<WriterHarness['simState']>>;
    },
    async simCalls(account) {
      const body = (await (await fetch(`${simUrl}/_control/accounts/${account}/calls?limit=50000`)).json()) as { calls: Awaited<ReturnType<WriterHarness['simCalls']>> };
      return body.calls;
    },
    async control(method, pathname, body) {
      const response = await fetch(`${simUrl}/_control${pathname}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
      const text = await response.text();
      return text === '' ? undefined : (JSON.parse(text) as unknown);
    },
    async startWriter() {
      app = await NestFactory.create(AppModule.forRoot(config, silent), { logger: silent });
      connectKafkaConsumer(app, { groupId, partitionsConsumedConcurrently: 3, sessionTimeoutMs: 10_000 });
      await app.startAllMicroservices();
      await app.listen(0, '127.0.0.1');
      writerUrl = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    },
    async stopWriter() {
      await app?.close();
      app = undefined;
    },
    async close() {
      await harness.stopWriter();
      await writerDb.end().catch(() => undefined);
      await producer.disconnect();
      await sim.close();
      await dropDatabase(databaseUrl);
    },
  };
  await harness.startWriter();
  await writerDb.connect();
  return harness;
}

/** A fresh group starts at the topic's end: the shared topic's history belongs to other tests. */
async function skipHistory(kafka: Kafka, groupId: string): Promise<void> {
  // On a fresh broker the topic may have no leader yet: listing its offsets would fail.
  await ensureTopics(kafka, [{ topic: Topics.zoomUserCommand }]);
  const admin = kafka.admin();
  await admin.connect();
  try {
    // A fresh broker names the leaders a moment before they answer offset requests.
    const offsets = await waitFor('the command topic\'s offsets', () => admin.fetchTopicOffsets(Topics.zoomUserCommand), 30_000);
    await admin.setOffsets({ groupId, topic: Topics.zoomUserCommand, partitions: offsets.map(({ partition, high }) => ({ partition, offset: high })) });
  } finally {
    await admin.disconnect();
  }
}

function envName(account: string): string {
  return `ZW_IT_TOKEN_${account.replace(/[^A-Za-z0-9]/g, '_').toUpperCase()}`;
}

function registryYaml(tenants: HarnessTenant[], baseUrl: string): string {
  const lines = ['platformAuditors:', '  - id: platform-operator', `    tokenDigest: ${digestToken(PLATFORM_TOKEN)}`, 'tenants:'];
  for (const tenant of tenants) {
    lines.push(
      `  - id: ${tenant.id}`,
      `    name: ${tenant.id}`,
      '    okta: { scimTokens: [] }',
      '    zoom:',
      `      baseUrl: ${baseUrl}`,
      `      accountId: ${tenant.account}`,
      `      auth: { type: bearer, token: { env: ${envName(tenant.account)} } }`,
      `      rateLimit: { lightPerSecond: ${tenant.lightPerSecond ?? 80}, mediumPerSecond: ${tenant.mediumPerSecond ?? 60}, dailyLimit: ${tenant.dailyLimit ?? 'null'} }`,
    );
  }
  return `${lines.join('\n')}\n`;
}
