import { startSimTestApp, type SimTestApp } from '../testing/zoom-sim-test-app';

const basic = (id: string, secret: string): string => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

describe('OAuth and bearer auth (HTTP)', () => {
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

  async function requestToken(query = 'grant_type=account_credentials&account_id=demo-account', authorization = basic('demo-client', 'demo-secret')) {
    const response = await fetch(`${sim.url}/oauth/token?${query}`, { method: 'POST', headers: { authorization } });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  async function accessToken(): Promise<string> {
    const { body } = await requestToken();
    return body['access_token'] as string;
  }

  it('issues a one-hour bearer token with the scim2:admin scope that SCIM calls accept', async () => {
    const { status, body } = await requestToken();
    expect(status).toBe(200);
    expect(body).toEqual({ access_token: expect.any(String), token_type: 'bearer', expires_in: 3600, scope: 'scim2:admin' });
    const list = await sim.call('GET', '/scim2/Users', { token: body['access_token'] as string });
    expect(list.status).toBe(200);
  });

  it('takes grant_type and account_id from a form body too', async () => {
    const response = await fetch(`${sim.url}/oauth/token`, {
      method: 'POST',
      headers: { authorization: basic('demo-client', 'demo-secret'), 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=account_credentials&account_id=demo-account',
    });
    expect(response.status).toBe(200);
  });

  it.each([
    { name: 'a wrong secret', authorization: basic('demo-client', 'nope'), status: 401, body: { reason: 'Invalid client_id or client_secret', error: 'invalid_client' } },
    { name: 'an unknown client', authorization: basic('who', 'demo-secret'), status: 401, body: { reason: 'Invalid client_id or client_secret', error: 'invalid_client' } },
    { name: 'no credentials', authorization: '', status: 401, body: { reason: 'Invalid client_id or client_secret', error: 'invalid_client' } },
    { name: 'another grant type', query: 'grant_type=client_credentials&account_id=demo-account', status: 400, body: { reason: 'Unsupported grant type', error: 'unsupported_grant_type' } },
    { name: 'no account_id', query: 'grant_type=account_credentials', status: 400, body: { reason: 'Invalid request : Account ID is required.', error: 'invalid_request' } },
    { name: 'another account_id', query: 'grant_type=account_credentials&account_id=other', status: 400, body: { reason: 'Invalid account_id', error: 'invalid_request' } },
  ])('refuses $name', async ({ query, authorization, status, body }) => {
    expect(await requestToken(query, authorization)).toEqual({ status, body });
  });

  it('expires tokens: 401 "Access token is expired." after their lifetime', async () => {
    const token = await accessToken();
    sim.clock.advance(3599_000);
    expect((await sim.call('GET', '/scim2/Users/x', { token })).status).toBe(404);
    sim.clock.advance(1000);
    const expired = await sim.call('GET', '/scim2/Users', { token });
    expect(expired.status).toBe(401);
    expect(expired.body).toEqual({ code: 124, message: 'Access token is expired.' });
  });

  it('issues shorter-lived tokens when the control API says so', async () => {
    await sim.control('POST', '/accounts', { id: 'short', oauth: { clientId: 'short-client', clientSecret: 's', tokenLifetimeSeconds: 5 }, domains: ['short.test'] });
    const { body } = await requestToken('grant_type=account_credentials&account_id=short', basic('short-client', 's'));
    expect(body['expires_in']).toBe(5);
    sim.clock.advance(5000);
    expect((await sim.call('GET', '/scim2/Users', { token: body['access_token'] as string })).status).toBe(401);
  });

  it.each([
    { name: 'no Authorization header', token: null },
    { name: 'an unknown token', token: 'not-a-token' },
  ])('answers $name with 401 code 124', async ({ token }) => {
    const response = await sim.call('GET', '/scim2/Users', { token });
    expect(response.status).toBe(401);
    expect(response.body).toEqual({ code: 124, message: 'Invalid access token.' });
  });

  it('answers 403 without the scim2:admin scope, and says so in the token', async () => {
    await sim.control('PUT', '/accounts/demo-account/faults', { missingScope: true });
    const { body } = await requestToken();
    expect(body['scope']).toBe('user:read:admin');
    for (const token of [body['access_token'] as string, undefined]) {
      const response = await sim.call('GET', '/scim2/Users', { token });
      expect(response.status).toBe(403);
      expect(response.body).toEqual({ code: 4711, message: 'Invalid access token, does not contain scopes:[scim2:admin].' });
    }
  });

  it('revokes tokens: issued OAuth tokens fail for good, new ones work, the static token fails while revoked', async () => {
    const before = await accessToken();
    await sim.control('PUT', '/accounts/demo-account/faults', { revokeTokens: true });
    expect((await sim.call('GET', '/scim2/Users', { token: before })).status).toBe(401);
    expect((await sim.call('GET', '/scim2/Users')).status).toBe(401);
    expect((await sim.call('GET', '/scim2/Users', { token: await accessToken() })).status).toBe(200);
    await sim.control('DELETE', '/accounts/demo-account/faults');
    expect((await sim.call('GET', '/scim2/Users')).status).toBe(200);
    expect((await sim.call('GET', '/scim2/Users', { token: before })).status).toBe(401);
  });

  it('answers 503 at the token endpoint during an outage', async () => {
    await sim.control('PUT', '/accounts/demo-account/faults', { outage: true });
    expect((await requestToken()).status).toBe(503);
  });
});
