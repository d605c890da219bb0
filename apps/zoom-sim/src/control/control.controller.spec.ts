import { userBody } from '../testing/user-bodies';
import { startSimTestApp, type SimTestApp } from '../testing/zoom-sim-test-app';

describe('control API (HTTP)', () => {
  let sim: SimTestApp;

  beforeAll(async () => {
    sim = await startSimTestApp();
  });
  afterAll(async () => {
    await sim.close();
  });
  beforeEach(async () => {
    sim.clock.advance(1000);
    await sim.control('POST', '/reset');
  });

  const acme = { id: 'acme', plan: 'Pro', staticToken: 'acme-token-123', oauth: { clientId: 'acme-client', clientSecret: 'acme-secret' }, domains: ['acme.example'] };

  describe('accounts', () => {
    it('creates an account, limits from its plan, secrets left out of the answer', async () => {
      const response = await sim.control('POST', '/accounts', acme);
      expect(response.status).toBe(201);
      expect(response.body).toEqual({
        id: 'acme',
        plan: 'Pro',
        domains: ['acme.example'],
        rateLimits: { light: 30, medium: 20 },
        omitRateLimitHeaders: false,
        missingScope: false,
        defaultGroupName: 'Default',
        hasStaticToken: true,
        oauth: { clientId: 'acme-client', tokenLifetimeSeconds: 3600 },
      });
      expect((await sim.call('GET', '/scim2/Users', { token: 'acme-token-123' })).status).toBe(200);
      expect((await sim.control('GET', '/accounts')).body.map((account: { id: string }) => account.id)).toEqual(['demo-account', 'acme']);
    });

    it('replaces an account with an empty one', async () => {
      await sim.control('POST', '/accounts', acme);
      await sim.call('POST', '/scim2/Users', { token: 'acme-token-123', body: userBody('ada@acme.example') });
      await sim.control('POST', '/accounts', { ...acme, rateLimits: { light: 5 } });
      const state = await sim.control('GET', '/accounts/acme/state');
      expect(state.body.users).toEqual([]);
      expect(state.body.account.rateLimits).toEqual({ light: 5, medium: 20 });
      expect((await sim.call('POST', '/scim2/Users', { token: 'acme-token-123', body: userBody('ada@acme.example') })).status).toBe(201);
    });

    it.each([
      { name: 'a bad id', body: { id: 'a b' }, path: 'id' },
      { name: 'a bad domain', body: { id: 'x', domains: ['not a domain'] }, path: 'domains.0' },
      { name: 'an unknown plan', body: { id: 'x', plan: 'Gold' }, path: 'plan' },
      { name: 'an unknown field', body: { id: 'x', colour: 'red' }, path: '' },
    ])('refuses $name with 400 naming the field', async ({ body, path }) => {
      const response = await sim.control('POST', '/accounts', body);
      expect(response.status).toBe(400);
      expect(response.body.issues).toEqual(expect.arrayContaining([expect.objectContaining({ path })]));
    });

    it('refuses a static token or OAuth client another account uses', async () => {
      expect((await sim.control('POST', '/accounts', { id: 'copy', staticToken: 'zoom-sim-test-token' })).status).toBe(409);
      expect((await sim.control('POST', '/accounts', { id: 'copy', oauth: { clientId: 'demo-client', clientSecret: 'x' } })).status).toBe(409);
    });

    it('deletes an account', async () => {
      await sim.control('POST', '/accounts', acme);
      expect((await sim.control('DELETE', '/accounts/acme')).status).toBe(204);
      expect((await sim.control('GET', '/accounts/acme/state')).status).toBe(404);
      expect((await sim.call('GET', '/scim2/Users', { token: 'acme-token-123' })).status).toBe(401);
    });
  });

  describe('seed', () => {
    it('adds active, pending and foreign users with roles, and groups by member userName', async () => {
      await sim.control('POST', '/accounts', acme);
      const seeded = await sim.control('POST', '/accounts/acme/seed', {
        users: [
          { userName: 'Boss@acme.example', role: 'Owner' },
          { userName: 'new@acme.example', state: 'pending' },
          { userName: 'me@gmail.com', state: 'foreign' },
        ],
        groups: [{ displayName: 'Leads', members: ['boss@acme.example'], emailAlias: 'leads@acme.example' }],
      });
      expect(seeded.status).toBe(201);
      expect(seeded.body.users.map((user: { userName: string; state: string; role: string }) => [user.userName, user.state, user.role])).toEqual([
        ['boss@acme.example', 'active', 'Owner'],
        ['new@acme.example', 'pending', 'Member'],
        ['me@gmail.com', 'foreign', 'Member'],
      ]);
      const state = await sim.control('GET', '/accounts/acme/state');
      expect(state.body.users).toEqual([
        expect.objectContaining({ userName: 'boss@acme.example', state: 'active', role: 'Owner', active: true }),
        expect.objectContaining({ userName: 'new@acme.example', state: 'pending' }),
      ]);
      expect(state.body.foreignUsers).toEqual([expect.objectContaining({ userName: 'me@gmail.com', state: 'foreign' })]);
      expect(state.body.groups).toEqual([
        expect.objectContaining({ displayName: 'Default', isDefault: true }),
        expect.objectContaining({ displayName: 'Leads', isDefault: false, members: [expect.objectContaining({ value: seeded.body.users[0].id })] }),
      ]);
      const creating = await sim.call('POST', '/scim2/Users', { body: userBody('me@gmail.com') });
      expect(creating.status).toBe(400);
    });

    it.each([
      { name: 'an email that already has a Zoom account', seed: { users: [{ userName: 'owner@example.com' }] }, status: 409 },
      { name: 'a member that is not an active user', seed: { groups: [{ displayName: 'G', members: ['invited@example.com'] }] }, status: 400 },
      { name: 'a group name in use', seed: { groups: [{ displayName: 'default' }] }, status: 409 },
      { name: 'a user without a userName', seed: { users: [{ role: 'Admin' }] }, status: 400 },
    ])('refuses $name, adding nothing', async ({ seed, status }) => {
      const before = await sim.control('GET', '/accounts/demo-account/state');
      expect((await sim.control('POST', '/accounts/demo-account/seed', seed)).status).toBe(status);
      expect((await sim.control('GET', '/accounts/demo-account/state')).body).toEqual(before.body);
    });

    it('answers 404 for an unknown account', async () => {
      expect((await sim.control('POST', '/accounts/nobody/seed', {})).status).toBe(404);
    });
  });

  describe('faults', () => {
    it('sets, shows and clears faults', async () => {
      const set = await sim.control('PUT', '/accounts/demo-account/faults', { errorRate: 0.25, errorStatus: 503, latencyMs: 5 });
      expect(set.status).toBe(200);
      expect(set.body).toEqual({ errorRate: 0.25, errorStatus: 503, latencyMs: 5, answerDelayMs: 0, outage: false, throttleToZero: false, revokeTokens: false, missingScope: false });
      expect((await sim.control('GET', '/accounts/demo-account/state')).body.faults).toEqual(set.body);
      expect((await sim.control('DELETE', '/accounts/demo-account/faults')).status).toBe(204);
      expect((await sim.control('GET', '/accounts/demo-account/state')).body.faults).toBeNull();
    });

    it.each([{ errorRate: 2 }, { errorStatus: 418 }, { latencyMs: -1 }, { answerDelayMs: -1 }, { outage: 'yes' }])('refuses %j', async (faults) => {
      expect((await sim.control('PUT', '/accounts/demo-account/faults', faults)).status).toBe(400);
    });
  });

  describe('call log and stats', () => {
    it('records each SCIM call with a redacted body summary, readable since a sequence number', async () => {
      await sim.call('POST', '/scim2/Users', { body: userBody('grace@example.com', { password: 'placeholder' }) });
      await sim.call('GET', `/scim2/Users?filter=${encodeURIComponent('userName eq "invited@example.com"')}`);
      const all = await sim.control('GET', '/accounts/demo-account/calls');
      expect(all.body.calls).toEqual([
        {
          seq: expect.any(Number),
          at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
          account: 'demo-account',
          method: 'POST',
          path: '/scim2/Users',
          status: 201,
          label: 'Light',
          latencyMs: expect.any(Number),
          rateLimited: false,
          body: { chars: expect.any(Number), keys: ['schemas', 'userName', 'name', 'emails', 'active', 'password'], userName: 'g***@example.com', active: true },
        },
        expect.objectContaining({ method: 'GET', status: 400, label: 'Medium' }),
      ]);
      expect(JSON.stringify(all.body)).not.toContain('placeholder');
      const later = await sim.control('GET', `/accounts/demo-account/calls?since=${all.body.calls[0].seq}`);
      expect(later.body.calls.map((call: { method: string }) => call.method)).toEqual(['GET']);
      expect(later.body.lastSeq).toBe(all.body.calls[1].seq);
    });

    it('logs OAuth token requests and refused calls, and counts them in the stats', async () => {
      await fetch(`${sim.url}/oauth/token?grant_type=account_credentials&account_id=demo-account`, {
        method: 'POST',
        headers: { authorization: `Basic ${Buffer.from('demo-client:demo-secret').toString('base64')}` },
      });
      await sim.control('PUT', '/accounts/demo-account/faults', { throttleToZero: true });
      await sim.call('GET', '/scim2/Users');
      await sim.call('GET', '/scim2/Users');
      sim.clock.advance(1000);
      const stats = await sim.control('GET', '/accounts/demo-account/stats?seconds=5');
      expect(stats.body).toMatchObject({ account: 'demo-account', total: 3, byStatus: { '200': 1, '429': 2 }, rateLimited: 2, windowSeconds: 5 });
      expect(stats.body.perSecond).toHaveLength(5);
      expect(stats.body.perSecond.at(-1).calls).toBe(3);
      expect(stats.body.callsPerSecond).toBe(0.6);
      const calls = await sim.control('GET', '/accounts/demo-account/calls');
      expect(calls.body.calls[0]).toMatchObject({ path: '/oauth/token', status: 200 });
      expect(calls.body.calls[1]).toMatchObject({ status: 429, rateLimited: true });
    });

    it('keeps only the newest entries when the log is full', async () => {
      const small = await startSimTestApp({ callLogSize: 3 });
      try {
        for (let call = 0; call < 5; call += 1) {
          await small.call('GET', `/scim2/Users/id${call}`);
        }
        const calls = await small.control('GET', '/accounts/demo-account/calls');
        expect(calls.body.calls.map((entry: { path: string }) => entry.path)).toEqual(['/scim2/Users/id2', '/scim2/Users/id3', '/scim2/Users/id4']);
        expect((await small.control('GET', '/accounts/demo-account/stats')).body.total).toBe(5);
      } finally {
        await small.close();
      }
    });
  });

  it('resets to the start-up accounts and seeds', async () => {
    await sim.control('POST', '/accounts', acme);
    await sim.call('POST', '/scim2/Users', { body: userBody('temp@example.com') });
    await sim.control('PUT', '/accounts/demo-account/faults', { outage: true });
    const reset = await sim.control('POST', '/reset');
    expect(reset).toMatchObject({ status: 200, body: { accounts: ['demo-account'] } });
    expect((await sim.control('GET', '/accounts/acme/state')).status).toBe(404);
    const state = await sim.control('GET', '/accounts/demo-account/state');
    expect(state.body.faults).toBeNull();
    expect(state.body.users.map((user: { userName: string }) => user.userName)).toEqual(['owner@example.com', 'admin@example.com', 'invited@example.com']);
    expect((await sim.control('GET', '/accounts/demo-account/calls')).body.calls).toEqual([]);
  });

  it('serves health probes and Prometheus metrics', async () => {
    await sim.call('GET', '/scim2/Users');
    expect((await sim.call('GET', '/health/live', { token: null })).body).toEqual({ status: 'ok' });
    expect((await sim.call('GET', '/health/ready', { token: null })).status).toBe(200);
    const metrics = await fetch(`${sim.url}/metrics`);
    const text = await metrics.text();
    expect(text).toContain('zoom_sim_scim_calls_total{account="demo-account",label="Medium",status="200"');
    expect(text).toContain('http_request_duration_seconds');
  });
});
