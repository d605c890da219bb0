import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Client } from 'pg';
import { createLogger } from '@bridge/observability';
import { digestToken, generateToken } from '@bridge/tenancy';
import { dropDatabase } from '@bridge/testing';
import { loadAuditConfig } from '../app.config';
import { AppModule } from '../app.module';

const ADMIN_URL = process.env['AUDIT_TEST_ADMIN_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface AuditTestApp {
  app: INestApplication;
  baseUrl: string;
  databaseUrl: string;
  superuser: Client;
  tokens: { acme: string; globex: string; platform: string; scim: string };
  get(path: string, token: string): Promise<Response>;
  close(): Promise<void>;
}

function registry(tokens: AuditTestApp['tokens']): string {
  const tenant = (id: string, auditorToken: string, scim: string): string => `  - id: ${id}
    name: ${id}
    okta:
      scimTokens:
        - id: okta-${id}
          digest: ${digestToken(scim)}
    zoom:
      auth: { type: bearer, token: { env: ZOOM_TOKEN } }
    audit:
      retentionDays: 400
      auditors:
        - id: analyst-${id}
          tokenDigest: ${digestToken(auditorToken)}`;
  return `platformAuditors:
  - id: soc-platform
    tokenDigest: ${digestToken(tokens.platform)}
tenants:
${tenant('acme', tokens.acme, tokens.scim)}
${tenant('globex', tokens.globex, generateToken())}
`;
}

/** The audit service's HTTP side (no Kafka) on a database of its own, with tenants acme and globex. */
export async function startAuditTestApp(): Promise<AuditTestApp> {
  const tokens = { acme: generateToken(), globex: generateToken(), platform: generateToken(), scim: generateToken() };
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'audit-it-')), 'tenants.yaml');
  writeFileSync(file, registry(tokens));
  const database = `audit_api_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const url = new URL(ADMIN_URL);
  url.pathname = `/${database}`;
  const config = loadAuditConfig({ TENANTS_FILE: file, DATABASE_URL: url.toString(), NODE_ENV: 'test', AUDIT_CHECKPOINT_KEY: 'test-checkpoint-key-test-checkpoint-key' });
  const logger = createLogger('audit-it', { level: process.env['IT_LOG_LEVEL'] ?? 'silent' });
  const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(config, logger, { kafka: false })] }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  await app.listen(0, '127.0.0.1');
  const baseUrl = await app.getUrl();
  const superuser = new Client({ connectionString: url.toString() });
  await superuser.connect();
  return {
    app,
    baseUrl: baseUrl.replace('[::1]', '127.0.0.1'),
    databaseUrl: url.toString(),
    superuser,
    tokens,
    get: (route, token) => fetch(`${baseUrl}${route}`, { headers: { authorization: `Bearer ${token}` } }),
    close: async () => {
      await superuser.end();
      await app.close();
      await dropDatabase(url.toString());
    },
  };
}
