import { SchemaUrns } from '@bridge/scim';
import { userBody } from '../testing/user-bodies';
import { startSimTestApp, type SimTestApp } from '../testing/zoom-sim-test-app';

describe('Zoom SCIM2 users (HTTP)', () => {
  let sim: SimTestApp;
  let sequence = 0;
  const newEmail = (domain = 'example.com'): string => `user${(sequence += 1)}.${Date.now()}@${domain}`;

  beforeAll(async () => {
    sim = await startSimTestApp();
  });
  afterAll(async () => {
    await sim.close();
  });
  // A new second each test: the demo account's per-second limits never get in the way here.
  beforeEach(() => sim.clock.advance(1000));

  async function createUser(extra: Record<string, unknown> = {}): Promise<{ id: string; userName: string }> {
    const userName = newEmail();
    const response = await sim.call('POST', '/scim2/Users', { body: userBody(userName, extra) });
    expect(response.status).toBe(201);
    return { id: response.body.id as string, userName };
  }

  it('creates a user: 201, the full user with a 22-character Zoom id, in application/scim+json', async () => {
    const userName = newEmail();
    const response = await sim.call('POST', '/scim2/Users', { body: userBody(userName.toUpperCase(), { password: 'x', externalId: '00u1', groups: [] }) });
    expect(response.status).toBe(201);
    expect(response.headers.get('content-type')).toContain('application/scim+json');
    expect(response.body).toMatchObject({
      schemas: [SchemaUrns.user],
      id: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/),
      userName,
      name: { givenName: 'Ada', familyName: 'Lovelace' },
      active: true,
      userType: 'Basic',
      meta: { resourceType: 'User', location: expect.stringMatching(/\/scim2\/Users\/[A-Za-z0-9_-]{22}$/) },
    });
    expect(response.body).not.toHaveProperty('password');
  });

  it('accepts application/json as well', async () => {
    const response = await sim.call('POST', '/scim2/Users', {
      rawBody: JSON.stringify(userBody(newEmail())),
      headers: { 'content-type': 'application/json' },
    });
    expect(response.status).toBe(201);
  });

  it('answers under /v2/scim2 too, with locations under that path', async () => {
    const { id } = await createUser();
    const response = await sim.call('GET', `/v2/scim2/Users/${id}`);
    expect(response.status).toBe(200);
    expect(response.body.meta.location).toMatch(new RegExp(`/v2/scim2/Users/${id}$`));
  });

  it('refuses an email that already has a Zoom account, even a personal one, with 409', async () => {
    const { userName } = await createUser();
    const again = await sim.call('POST', '/scim2/Users', { body: userBody(userName) });
    expect(again.status).toBe(409);
    expect(again.body).toEqual({ schemas: [SchemaUrns.error], detail: `User ${userName} already exists.`, status: 409 });
    const personal = await sim.call('POST', '/scim2/Users', { body: userBody('Personal@example.com') });
    expect(personal.status).toBe(409);
    expect(personal.body.detail).toBe('User personal@example.com already exists.');
  });

  it.each([
    { name: 'a userName off the associated domains', body: () => userBody(newEmail('gmail.com')), status: 400, detail: "Domain name doesn't match" },
    { name: 'an extra email off the domains', body: () => userBody(newEmail(), { emails: [{ value: 'x@other.test' }] }), status: 400, detail: "Domain name doesn't match" },
    { name: 'an invalid email', body: () => userBody('not-an-email'), status: 400, detail: 'Invalid email address: not-an-email' },
    { name: 'a body without schemas', body: () => ({ userName: newEmail() }), status: 400, detail: 'The field "schemas" is required.' },
    {
      name: 'an unknown licence flag',
      body: () => userBody(newEmail(), { [SchemaUrns.zoomUser]: { zoomHoverboard: true } }),
      status: 400,
      detail: 'Invalid field: zoomHoverboard',
    },
  ])('refuses $name on create', async ({ body, status, detail }) => {
    const response = await sim.call('POST', '/scim2/Users', { body: body() });
    expect(response.status).toBe(status);
    expect(response.body).toEqual({ schemas: [SchemaUrns.error], detail, status });
  });

  it('answers malformed JSON with a SCIM 400', async () => {
    const response = await sim.call('POST', '/scim2/Users', { rawBody: '{"schemas":' });
    expect(response.status).toBe(400);
    expect(response.body.detail).toBe('The request body is not valid JSON.');
  });

  it('returns extensions on GET by id but leaves them out of lists', async () => {
    const { id, userName } = await createUser({
      userType: 'Licensed',
      phoneNumbers: [{ value: '+1 555 0100', type: 'work' }],
      [SchemaUrns.enterpriseUser]: { department: 'R&D' },
      [SchemaUrns.zoomUser]: { zoomPhone: true, pronouns: 'she/her' },
      [SchemaUrns.zoomUserLogin]: { loginType: 'sso' },
    });
    const single = await sim.call('GET', `/scim2/Users/${id}`);
    expect(single.body).toMatchObject({
      schemas: [SchemaUrns.user, SchemaUrns.enterpriseUser, SchemaUrns.zoomUser, SchemaUrns.zoomUserLogin],
      userType: 'Licensed',
      phoneNumbers: [{ value: '+1 555 0100', type: 'work' }],
      [SchemaUrns.enterpriseUser]: { department: 'R&D' },
      [SchemaUrns.zoomUser]: { zoomPhone: true, pronouns: 'she/her' },
      [SchemaUrns.zoomUserLogin]: { loginType: { workEmail: false, sso: true } },
    });
    const listed = await sim.call('GET', `/scim2/Users?filter=${encodeURIComponent(`userName eq "${userName}"`)}`);
    const [entry] = listed.body.Resources;
    expect(entry).toMatchObject({ id, userName, active: true });
    expect(entry.schemas).toEqual([SchemaUrns.user]);
    expect(entry).not.toHaveProperty('phoneNumbers');
    expect(entry).not.toHaveProperty([SchemaUrns.enterpriseUser]);
  });

  describe('the userName filter', () => {
    const filter = (userName: string): string => `/scim2/Users?filter=${encodeURIComponent(`userName eq "${userName}"`)}&startIndex=1&count=100`;

    it('finds a user of the account, whatever the case', async () => {
      const { id, userName } = await createUser();
      const response = await sim.call('GET', filter(userName.toUpperCase()));
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ schemas: [SchemaUrns.listResponse], totalResults: 1, startIndex: 1, itemsPerPage: 1, Resources: [{ id }] });
    });

    it('gives an empty list for an email Zoom has never seen', async () => {
      const response = await sim.call('GET', filter('never.seen@example.com'));
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ schemas: [SchemaUrns.listResponse], totalResults: 0, startIndex: 1, itemsPerPage: 0, Resources: [] });
    });

    it.each([
      { who: 'a pending invitee of the account', userName: 'invited@example.com' },
      { who: 'a personal (foreign) account', userName: 'personal@example.com' },
    ])('answers 400 "not exist or not belong" for $who', async ({ userName }) => {
      const response = await sim.call('GET', filter(userName));
      expect(response.status).toBe(400);
      expect(response.body).toEqual({ schemas: [SchemaUrns.error], detail: `User ${userName} not exist or not belong to this account.`, status: 400 });
    });

    it('refuses filters Zoom does not support', async () => {
      const response = await sim.call('GET', `/scim2/Users?filter=${encodeURIComponent('emails.value eq "a@example.com"')}`);
      expect(response.status).toBe(400);
      expect(response.body.detail).toContain('Unsupported filter');
    });
  });

  it('pages the account users in a stable order, without pending or foreign users', async () => {
    await createUser();
    const first = await sim.call('GET', '/scim2/Users?startIndex=1&count=2');
    const second = await sim.call('GET', '/scim2/Users?startIndex=3&count=2');
    expect(first.body).toMatchObject({ startIndex: 1, itemsPerPage: 2 });
    expect(second.body.startIndex).toBe(3);
    expect(first.body.totalResults).toBe(second.body.totalResults);
    const all = await sim.call('GET', `/scim2/Users?count=100`);
    const names = (all.body.Resources as { userName: string }[]).map((user) => user.userName);
    expect(names.slice(0, 2)).toEqual(['owner@example.com', 'admin@example.com']);
    expect(names).not.toContain('invited@example.com');
    expect(names).not.toContain('personal@example.com');
    expect(all.body.totalResults).toBe(names.length);
  });

  it('answers 404 for an unknown id', async () => {
    const response = await sim.call('GET', '/scim2/Users/AAAAAAAAAAAAAAAAAAAAAA');
    expect(response.status).toBe(404);
    expect(response.body).toEqual({ schemas: [SchemaUrns.error], detail: 'User does not exist: AAAAAAAAAAAAAAAAAAAAAA.', status: 404 });
  });

  it('treats a user of another Zoom account as existing (409) but not in this account (filter 400)', async () => {
    await sim.control('POST', '/accounts', { id: 'other', staticToken: 'other-token-123', domains: ['example.com'] });
    const userName = newEmail();
    expect((await sim.call('POST', '/scim2/Users', { token: 'other-token-123', body: userBody(userName) })).status).toBe(201);
    expect((await sim.call('POST', '/scim2/Users', { body: userBody(userName) })).status).toBe(409);
    const filtered = await sim.call('GET', `/scim2/Users?filter=${encodeURIComponent(`userName eq "${userName}"`)}`);
    expect(filtered.status).toBe(400);
    expect(filtered.body.detail).toBe(`User ${userName} not exist or not belong to this account.`);
  });

  it.each(['/scim2/ServiceProviderConfig', '/scim2/Schemas', '/scim2/ResourceTypes', '/scim2/Bulk'])('has no %s endpoint', async (path) => {
    expect((await sim.call('GET', path)).status).toBe(404);
  });
});
