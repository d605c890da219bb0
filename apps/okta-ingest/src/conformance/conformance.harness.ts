import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Client } from 'pg';
import type { Envelope } from '@bridge/contracts';
import { MessageProducer, type OutgoingMessage } from '@bridge/kafka';
import { createLogger } from '@bridge/observability';
import { digestToken } from '@bridge/tenancy';
import { OktaScimClient, dropDatabase, type ScimClientOptions } from '@bridge/testing';
import { loadOktaIngestConfig } from '../app.config';
import { createOktaIngestApp } from '../app.factory';

// The box these run on is shared; replaying Okta's sequences over HTTP needs more than jest's 5 s default.
jest.setTimeout(30_000);

export const tokens = {
  current: 'ozb_conformance-current',
  previous: 'ozb_conformance-previous',
  revoked: 'ozb_conformance-revoked',
  other: 'ozb_conformance-other-tenant',
  slow: 'ozb_conformance-slow-tenant',
} as const;

const registry = `tenants:
  - id: conf
    name: Conformance
    okta:
      scimTokens:
        - { id: current, digest: ${digestToken(tokens.current)} }
        - { id: previous, digest: ${digestToken(tokens.previous)} }
        - { id: old, digest: ${digestToken(tokens.revoked)}, revoked: true }
      inboundRateLimit: { requestsPerSecond: 10000, burst: 10000 }
    zoom: { auth: { type: bearer, token: { env: ZOOM_TOKEN } } }
  - id: other
    name: Other tenant
    okta:
      scimTokens:
        - { id: other, digest: ${digestToken(tokens.other)} }
    zoom: { auth: { type: bearer, token: { env: ZOOM_TOKEN } } }
  - id: slow
    name: Rate-limited tenant
    okta:
      scimTokens:
        - { id: slow, digest: ${digestToken(tokens.slow)} }
      inboundRateLimit: { requestsPerSecond: 1, burst: 3 }
    zoom: { auth: { type: bearer, token: { env: ZOOM_TOKEN } } }
  - id: no-token
    name: Tenant without a token
    okta: { scimTokens: [] }
    zoom: { auth: { type: bearer, token: { env: ZOOM_TOKEN } } }
`;

/** okta-ingest in-process on port 0, over a fresh PostgreSQL database and the real Kafka broker. */
export interface ConformanceService {
  baseUrl: string;
  db: Client;
  /** Every message the relay published to Kafka, in publish order. */
  published: OutgoingMessage[];
  client(token?: string, options?: ScimClientOptions): OktaScimClient;
  /** Messages of one topic published so far, optionally waiting until `until` holds. */
  events<T>(topic: string, until?: (messages: Envelope<T>[]) => boolean): Promise<Envelope<T>[]>;
  stop(): Promise<void>;
}

export async function startConformanceService(extraEnv: Record<string, string> = {}): Promise<ConformanceService> {
  const database = `okta_ingest_it_${randomBytes(6).toString('hex')}`;
  const databaseUrl = `postgres://postgres@127.0.0.1:5432/${database}`;
  const dir = mkdtempSync(path.join(tmpdir(), 'okta-ingest-it-'));
  const tenantsFile = path.join(dir, 'tenants.yaml');
  writeFileSync(tenantsFile, registry);
  const config = loadOktaIngestConfig({
    PORT: '0',
    TENANTS_FILE: tenantsFile,
    DATABASE_URL: databaseUrl,
    KAFKA_BROKERS: process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092',
    OUTBOX_POLL_MS: '200',
    LOG_LEVEL: 'silent',
    ...extraEnv,
  });
  const app: NestExpressApplication = await createOktaIngestApp(config, createLogger('okta-ingest', { level: process.env['IT_LOG_LEVEL'] ?? 'silent' }));
  const published: OutgoingMessage[] = [];
  const producer = app.get(MessageProducer);
  const publish = producer.publish.bind(producer);
  producer.publish = async (messages) => {
    await publish(messages);
    published.push(...messages);
  };
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}/scim/v2`;
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  return {
    baseUrl,
    db,
    published,
    client: (token = tokens.current, options) => new OktaScimClient(baseUrl, token, options),
    events: async <T>(topic: string, until: (messages: Envelope<T>[]) => boolean = () => true) => {
      const deadline = Date.now() + 15_000;
      for (;;) {
        const messages = published.filter((message) => message.topic === topic).map((message) => message.message as Envelope<T>);
        if (until(messages)) {
          return messages;
        }
        if (Date.now() > deadline) {
          throw new Error(`the expected ${topic} messages were not published within 15 s (got ${messages.length})`);
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    stop: async () => {
      await db.end();
      await app.close();
      await dropDatabase(databaseUrl);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
