import { userBody, activePatch } from '../testing/user-bodies';
import { startSimTestApp, type SimTestApp } from '../testing/zoom-sim-test-app';

const RATE_HEADERS = ['x-ratelimit-category', 'x-ratelimit-type', 'x-ratelimit-limit', 'x-ratelimit-remaining', 'retry-after'];

describe('rate limits and injected faults (HTTP)', () => {
  let sim: SimTestApp;
  let sequence = 0;
  const token = 'limits-token-123';

  beforeAll(async () => {
    sim = await startSimTestApp();
  });
  afterAll(async () => {
    await sim.close();
  });
  beforeEach(async () => {
    sim.clock.advance(1000);
    const account = await sim.control('POST', '/accounts', { id: 'limits', staticToken: token, domains: ['limits.test'], rateLimits: { light: 3, medium: 2 } });
    expect(account.status).toBe(201);
  });

  const headersOf = (headers: Headers): Record<string, string | null> => Object.fromEntries(RATE_HEADERS.map((name) => [name, headers.get(name)]));
  const light = () => sim.call('GET', '/scim2/Users/AAAAAAAAAAAAAAAAAAAAAA', { token });
  const medium = () => sim.call('GET', '/scim2/Users', { token });

  async function createUser(): Promise<string> {
    const response = await sim.call('POST', '/scim2/Users', { token, body: userBody(`u${(sequence += 1)}@limits.test`) });
    expect(response.status).toBe(201);
    return response.body.id as string;
  }

  it('counts Light calls per second and answers the fourth with a 429 and Zoom headers', async () => {
    const statuses: number[] = [];
    const remaining: (string | null)[] = [];
    for (let call = 0; call < 3; call += 1) {
      const response = await light();
      statuses.push(response.status);
      remaining.push(response.headers.get('x-ratelimit-remaining'));
    }
    expect(statuses).toEqual([404, 404, 404]);
    expect(remaining).toEqual(['2', '1', '0']);
    const limited = await light();
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual({ code: 429, message: 'You have reached the maximum per-second rate limit for this API. Try again later.' });
    expect(headersOf(limited.headers)).toEqual({
      'x-ratelimit-category': 'Light',
      'x-ratelimit-type': 'QPS',
      'x-ratelimit-limit': '3',
      'x-ratelimit-remaining': '0',
      'retry-after': '1',
    });
    sim.clock.advance(1000);
    expect((await light()).status).toBe(404);
  });

  it('keeps a separate budget for Medium (list) calls', async () => {
    for (let call = 0; call < 3; call += 1) {
      await light();
    }
    const first = await medium();
    expect(first.status).toBe(200);
    expect(headersOf(first.headers)).toEqual({ 'x-ratelimit-category': 'Medium', 'x-ratelimit-type': 'QPS', 'x-ratelimit-limit': '2', 'x-ratelimit-remaining': '1', 'retry-after': null });
    await medium();
    const limited = await medium();
    expect(limited.status).toBe(429);
    expect(limited.headers.get('x-ratelimit-category')).toBe('Medium');
  });

  it('omits every rate-limit header when the account says so', async () => {
    await sim.control('POST', '/accounts', { id: 'limits', staticToken: token, domains: ['limits.test'], rateLimits: { light: 1, medium: 1 }, omitRateLimitHeaders: true });
    const ok = await light();
    const limited = await light();
    expect(limited.status).toBe(429);
    expect(limited.body.message).toContain('per-second rate limit');
    for (const response of [ok, limited]) {
      expect(Object.values(headersOf(response.headers)).every((value) => value === null)).toBe(true);
    }
  });

  it('stops at the daily limit until 00:00 UTC, with an ISO Retry-After', async () => {
    await sim.control('POST', '/accounts', { id: 'limits', staticToken: token, domains: ['limits.test'], dailyLimit: 2 });
    sim.clock.current = Date.parse('2025-01-15T23:59:59.500Z');
    expect((await light()).status).toBe(404);
    expect((await medium()).status).toBe(200);
    const limited = await light();
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual({
      code: 429,
      message: 'You have reached the maximum daily rate limit for this API. Please try again tomorrow, you can resume at GMT 00:00:00.',
    });
    expect(headersOf(limited.headers)).toEqual({
      'x-ratelimit-category': 'Light',
      'x-ratelimit-type': 'Daily-limit',
      'x-ratelimit-limit': '2',
      'x-ratelimit-remaining': '0',
      'retry-after': '2025-01-16T00:00:00Z',
    });
    sim.clock.advance(500);
    expect((await light()).status).toBe(404);
  });

  it('answers 429 "Too many concurrent requests" to a second write to a user while the first is still running', async () => {
    const [one, two] = [await createUser(), await createUser()];
    sim.clock.advance(1000);
    await sim.control('PUT', '/accounts/limits/faults', { latencyMs: 300 });
    const [first, second, other] = await Promise.all([
      sim.call('PATCH', `/scim2/Users/${one}`, { token, body: activePatch(false) }),
      sim.call('PUT', `/scim2/Users/${one}`, { token, body: { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], title: 'x' } }),
      sim.call('PATCH', `/scim2/Users/${two}`, { token, body: activePatch(false) }),
    ]);
    expect([first.status, second.status].sort()).toEqual([200, 429]);
    expect([first, second].find((response) => response.status === 429)?.body).toEqual({ code: 429, message: 'Too many concurrent requests' });
    expect(other.status).toBe(200);
    sim.clock.advance(1000);
    expect((await sim.call('PATCH', `/scim2/Users/${one}`, { token, body: activePatch(true) })).status).toBe(200);
  });

  it('makes the change at once but holds the answer back when answers are delayed', async () => {
    await sim.control('PUT', '/accounts/limits/faults', { answerDelayMs: 1500 });
    const started = Date.now();
    let answered = false;
    const answer = sim.call('POST', '/scim2/Users', { token, body: userBody('late@limits.test') }).finally(() => {
      answered = true;
    });
    let present = false;
    while (!present && !answered) {
      const state = await sim.control('GET', '/accounts/limits/state');
      present = (state.body.users as { userName: string }[]).some((user) => user.userName === 'late@limits.test');
    }
    expect({ present, answered }).toEqual({ present: true, answered: false });
    const created = await answer;
    expect(created.status).toBe(201);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1500);
    const calls = await sim.control('GET', '/accounts/limits/calls');
    expect(calls.body.calls.map((call: { method: string; status: number }) => [call.method, call.status])).toEqual([['POST', 201]]);
  });

  it('throttles every SCIM call to zero on demand', async () => {
    await sim.control('PUT', '/accounts/limits/faults', { throttleToZero: true });
    for (const response of [await light(), await medium()]) {
      expect(response.status).toBe(429);
      expect(response.headers.get('retry-after')).toBe('1');
      expect(response.headers.get('x-ratelimit-remaining')).toBe('0');
    }
  });

  it('answers 503 to everything during an outage', async () => {
    await sim.control('PUT', '/accounts/limits/faults', { outage: true });
    expect((await medium()).status).toBe(503);
    expect((await sim.call('POST', '/scim2/Users', { token, body: userBody('x@limits.test') })).status).toBe(503);
  });

  it('injects errors at the given rate, reproducibly with a seed, without changing state', async () => {
    await sim.control('POST', '/accounts', { id: 'limits', staticToken: token, domains: ['limits.test'], rateLimits: { light: 1000, medium: 1000 } });
    const run = async (): Promise<number[]> => {
      await sim.control('PUT', '/accounts/limits/faults', { errorRate: 0.5, errorStatus: 502, seed: 1234 });
      const statuses: number[] = [];
      for (let call = 0; call < 30; call += 1) {
        statuses.push((await sim.call('POST', '/scim2/Users', { token, body: userBody(`seeded${(sequence += 1)}@limits.test`) })).status);
      }
      return statuses;
    };
    const first = await run();
    expect(new Set(first)).toEqual(new Set([201, 502]));
    expect(await run()).toEqual(first);
    const users = await sim.control('GET', '/accounts/limits/state');
    expect(users.body.users).toHaveLength(first.filter((status) => status === 201).length * 2);
  });
});
