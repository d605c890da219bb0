import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { OktaScimClient, startLocalStack, waitFor, type LocalStack } from '@bridge/testing';

const root = path.resolve(__dirname, '..', '..');
const database = `bridge_e2e_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
const databaseUrl = `postgres://postgres@127.0.0.1:5432/${database}`;

interface ZoomSimUser {
  id: string;
  userName: string;
  active: boolean;
  name?: { givenName?: string; familyName?: string };
}

describe('a user assigned in Okta reaches Zoom through every service', () => {
  let stack: LocalStack;
  let okta: OktaScimClient;
  let db: Client;

  beforeAll(async () => {
    stack = await startLocalStack({
      root,
      runDir: mkdtempSync(path.join(tmpdir(), 'bridge-e2e-')),
      tenantId: 'e2e-tenant',
      databaseUrl,
      basePort: 18080,
      groupSuffix: database,
      skipEarlierTraffic: true,
      // Other test files run beside this one; consumers starved of CPU would only make it slow.
      consumerNiceness: 0,
    });
    okta = new OktaScimClient(stack.scimBaseUrl, stack.scimToken);
    db = new Client({ connectionString: databaseUrl });
    await db.connect();
  }, 180_000);

  afterAll(async () => {
    await db?.end();
    await stack?.stop();
    const admin = new Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres' });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await admin.end();
  }, 60_000);

  async function zoomUsers(): Promise<ZoomSimUser[]> {
    const response = await fetch(`${stack.zoomSimUrl}/_control/accounts/${stack.zoomAccountId}/state`);
    const state = (await response.json()) as { users: ZoomSimUser[] };
    return state.users;
  }

  it('answers Test API Credentials with a ListResponse', async () => {
    const answer = await okta.testCredentials();
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ totalResults: expect.any(Number), startIndex: 1, Resources: expect.any(Array) });
  });

  it('refuses a bad token with 401 and a SCIM error', async () => {
    const answer = await new OktaScimClient(stack.scimBaseUrl, 'ozb_not-a-real-token').testCredentials();
    expect(answer.status).toBe(401);
    expect(answer.body).toMatchObject({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], detail: expect.any(String) });
  });

  it('creates the user in Zoom and records every step in the audit trail', async () => {
    const userName = `ada.${Date.now()}@example.com`;
    const created = await okta.assignUser({ userName, givenName: 'Ada', familyName: 'Lovelace' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: expect.any(String), userName, active: true });
    expect(JSON.stringify(created.body)).not.toContain('Passw0rd');
    const scimId = created.body['id'] as string;
    const correlationId = created.headers.get('x-correlation-id');
    expect(correlationId).toBeTruthy();

    const zoomUser = await waitFor('the user in zoom-sim', async () => (await zoomUsers()).find((user) => user.userName === userName));
    expect(zoomUser).toMatchObject({ active: true, name: { givenName: 'Ada', familyName: 'Lovelace' } });

    const events = await waitFor('the audit records of the whole flow', async () => {
      const { rows } = await db.query<{ event_type: string; outcome: string; topic: string }>(
        `SELECT event_type, outcome, topic FROM audit.audit_event WHERE tenant_id = $1 AND correlation_id = $2 ORDER BY seq`,
        [stack.tenantId, correlationId],
      );
      const types = rows.map((row) => row.event_type);
      return ['scim.request', 'user.create.requested', 'zoom.user.sync.requested', 'zoom.user.created'].every((type) => types.includes(type))
        ? rows
        : undefined;
    });
    expect(events.find((event) => event.event_type === 'zoom.user.created')?.outcome).toBe('success');
    const { rows: passwords } = await db.query(`SELECT 1 FROM audit.audit_event WHERE details::text LIKE '%Passw0rd%'`);
    expect(passwords).toHaveLength(0);

    const apiAnswer = await fetch(`${stack.urls.audit}/api/v1/audit/events?limit=1000`, {
      headers: { authorization: `Bearer ${stack.auditorToken}` },
    });
    expect(apiAnswer.status).toBe(200);
    const apiEvents = (await apiAnswer.json()) as { eventType: string; target: { id: string }[] }[];
    expect(apiEvents.some((event) => event.eventType === 'zoom.user.created' && event.target[0]?.id === scimId)).toBe(true);

    const { rows: links } = await db.query(`SELECT zoom_user_id FROM zoom_writer.user_link WHERE tenant_id = $1 AND scim_user_id = $2`, [
      stack.tenantId,
      scimId,
    ]);
    expect(links).toEqual([{ zoom_user_id: zoomUser.id }]);
  });

  it('deactivates the Zoom user when Okta deactivates the assignment', async () => {
    const userName = `grace.${Date.now()}@example.com`;
    const created = await okta.assignUser({ userName, givenName: 'Grace', familyName: 'Hopper' });
    await waitFor('the user in zoom-sim', async () => (await zoomUsers()).find((user) => user.userName === userName && user.active));
    const deactivated = await okta.deactivateUser(created.body['id'] as string);
    expect(deactivated.status).toBe(200);
    expect(deactivated.body).toMatchObject({ active: false });
    await waitFor('the deactivation in zoom-sim', async () => (await zoomUsers()).find((user) => user.userName === userName && !user.active));
  });

  it('rejects the audit API without auditor credentials', async () => {
    const answer = await fetch(`${stack.urls.audit}/api/v1/audit/events`, { headers: { authorization: `Bearer ${stack.scimToken}` } });
    expect(answer.status).toBe(401);
  });
});
