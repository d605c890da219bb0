import { waitFor } from '@bridge/testing';
import { present } from '../testing/user-commands';
import { PLATFORM_TOKEN, startWriterHarness, type WriterHarness } from '../testing/writer-harness';

const TENANT = 'sync-tenant';
const ACCOUNT = 'sync-account';
const OTHER = 'other-account';

jest.setTimeout(60_000);

describe('zoom-writer against zoom-sim, Kafka and PostgreSQL: user outcomes', () => {
  let h: WriterHarness;

  beforeAll(async () => {
    h = await startWriterHarness({
      tenants: [{ id: TENANT, account: ACCOUNT }],
      accounts: [
        { id: OTHER, staticToken: 'zoom-sim-token-other-account', seed: { users: [{ userName: 'moved@example.com' }] } },
        {
          id: ACCOUNT,
          staticToken: 'zoom-sim-token-sync-account',
          seed: {
            users: [
              { userName: 'boss@example.com', role: 'Admin' },
              { userName: 'pending@example.com', state: 'pending' },
              { userName: 'personal@example.com', state: 'foreign' },
              { userName: 'already@example.com', givenName: 'Al' },
            ],
          },
        },
      ],
    });
  }, 60_000);

  afterAll(async () => h?.close(), 60_000);

  const zoomUser = async (userName: string) => (await h.simState(ACCOUNT)).users.find((user) => user.userName === userName);
  const calls = async (filter: (call: { method: string; path: string }) => boolean) => (await h.simCalls(ACCOUNT)).filter(filter);
  const deadLetters = async () => {
    const response = await fetch(`${h.writerUrl}/api/v1/tenants/${TENANT}/dead-letters`, { headers: { authorization: `Bearer ${PLATFORM_TOKEN}` } });
    return ((await response.json()) as { deadLetters: { id: string; userName: string; reason: { code: string } }[] }).deadLetters;
  };

  it('creates, updates with only what changed, deactivates and reactivates through PATCH', async () => {
    await h.send(TENANT, present('u-ada', 'ada@example.com', 1, { title: 'Engineer' }));
    const created = await waitFor('ada in zoom', async () => zoomUser('ada@example.com'));
    expect(created.active).toBe(true);

    await h.send(TENANT, present('u-ada', 'ada@example.com', 2, { title: 'CTO' }));
    await waitFor('the PUT', async () => ((await calls((c) => c.method === 'PUT' && c.path.includes(created.id))).length === 1 ? true : undefined));
    const log = (await (await fetch(`${h.simUrl}/_control/accounts/${ACCOUNT}/calls?limit=1000`)).json()) as { calls: { method: string; path: string; body?: { keys?: string[] } }[] };
    const put = log.calls.find((call) => call.method === 'PUT');
    expect(put?.body?.keys?.sort()).toEqual(['schemas', 'title']);

    await h.send(TENANT, present('u-ada', 'ada@example.com', 3, { title: 'CTO' }, false));
    await waitFor('ada deactivated', async () => ((await zoomUser('ada@example.com'))?.active === false ? true : undefined));
    await h.send(TENANT, present('u-ada', 'ada@example.com', 4, { title: 'CTO' }, true));
    await waitFor('ada reactivated', async () => ((await zoomUser('ada@example.com'))?.active === true ? true : undefined));
    expect(await calls((c) => c.method === 'PATCH')).toHaveLength(2);
    const { rows } = await h.db.query(`SELECT zoom_user_id, active, applied_version FROM zoom_writer.user_link WHERE tenant_id = $1 AND scim_user_id = 'u-ada'`, [TENANT]);
    expect(rows).toEqual([{ zoom_user_id: created.id, active: true, applied_version: 4 }]);
  });

  it('links a user that already exists in this account instead of failing', async () => {
    await h.send(TENANT, present('u-al', 'already@example.com', 1));
    const existing = await zoomUser('already@example.com');
    await waitFor('the link', async () => {
      const { rows } = await h.db.query(`SELECT zoom_user_id FROM zoom_writer.user_link WHERE scim_user_id = 'u-al'`);
      return rows[0] as { zoom_user_id: string } | undefined;
    }).then((row) => expect(row.zoom_user_id).toBe(existing?.id));
  });

  it.each([
    ['a pending invite', 'pending@example.com', 'pending-or-foreign-account'],
    ['a personal account elsewhere', 'personal@example.com', 'pending-or-foreign-account'],
    ['an email outside the associated domains', 'someone@elsewhere.org', 'domain-not-associated'],
  ])('dead-letters %s with its reason', async (_label, userName, code) => {
    await h.send(TENANT, present(`u-${userName}`, userName, 1));
    const letter = await waitFor('the dead letter', async () => (await deadLetters()).find((entry) => entry.userName === userName));
    expect(letter.reason.code).toBe(code);
  });

  it('dead-letters the deactivation of an Admin', async () => {
    await h.send(TENANT, { scimUserId: 'u-boss', userName: 'boss@example.com', sourceChange: 'deactivated', sourceVersion: 1, desired: { state: 'present', active: false, user: { userName: 'boss@example.com' } } });
    const letter = await waitFor('the dead letter', async () => (await deadLetters()).find((entry) => entry.userName === 'boss@example.com'));
    expect(letter.reason.code).toBe('admin-not-deactivatable');
    expect((await zoomUser('boss@example.com'))?.active).toBe(true);
  });

  it('replays a tenant\'s dead letters once the cause is fixed, and only once', async () => {
    await h.send(TENANT, present('u-moved', 'moved@example.com', 1));
    const letter = await waitFor('the dead letter', async () => (await deadLetters()).find((entry) => entry.userName === 'moved@example.com'));
    expect(letter.reason.code).toBe('pending-or-foreign-account');

    // The cause goes away: the person's Zoom account in the other account is removed.
    const other = (await h.simState(OTHER)).users.find((user) => user.userName === 'moved@example.com');
    const removed = await fetch(`${h.simUrl}/scim2/Users/${other?.id}`, { method: 'DELETE', headers: { authorization: 'Bearer zoom-sim-token-other-account' } });
    expect(removed.status).toBe(204);

    const replay = await fetch(`${h.writerUrl}/api/v1/tenants/${TENANT}/dead-letters/replay`, { method: 'POST', headers: { authorization: `Bearer ${PLATFORM_TOKEN}` } });
    const replayed = ((await replay.json()) as { replayed: { id: string }[] }).replayed.map((entry) => entry.id);
    expect(replayed).toContain(letter.id);
    await waitFor('moved in this account', async () => zoomUser('moved@example.com'));
    const again = await fetch(`${h.writerUrl}/api/v1/dead-letters/${letter.id}/replay`, { method: 'POST', headers: { authorization: `Bearer ${PLATFORM_TOKEN}` } });
    expect(again.status).toBe(409);
  });

  it('refuses the operator API without a platform auditor token', async () => {
    const response = await fetch(`${h.writerUrl}/api/v1/tenants/${TENANT}/dead-letters`, { headers: { authorization: 'Bearer nope' } });
    expect(response.status).toBe(401);
  });

  it('reports the credentials check as fine for a working tenant', async () => {
    const response = await fetch(`${h.writerUrl}/api/v1/tenants/${TENANT}/zoom-credentials/check`, { headers: { authorization: `Bearer ${PLATFORM_TOKEN}` } });
    expect(await response.json()).toMatchObject({ ok: true, steps: [{ step: 'secret', ok: true }, { step: 'scim-call', ok: true }] });
  });
});
