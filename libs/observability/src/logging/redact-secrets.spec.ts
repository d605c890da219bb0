import { REDACTED, redactSecrets } from './redact-secrets';

describe('redactSecrets', () => {
  it.each([
    ['a nested password', { user: { profile: { password: 'hunter2', name: 'ada' } } }, { user: { profile: { password: REDACTED, name: 'ada' } } }],
    ['an authorization header in any case', { headers: { Authorization: 'Bearer abc', accept: 'json' } }, { headers: { Authorization: REDACTED, accept: 'json' } }],
    ['a client_secret', { zoom: { client_id: 'id-1', client_secret: 's3cr3t' } }, { zoom: { client_id: 'id-1', client_secret: REDACTED } }],
    ['accessToken, clientSecret, cookie and api keys', { accessToken: 'a', clientSecret: 'b', cookie: 'c', 'x-api-key': 'd', apiKey: 'e' }, { accessToken: REDACTED, clientSecret: REDACTED, cookie: REDACTED, 'x-api-key': REDACTED, apiKey: REDACTED }],
    ['a Bearer credential inside a string', { error: 'request with Bearer eyJhbGciOi.J9.x-_~+/== failed' }, { error: `request with Bearer ${REDACTED} failed` }],
    ['a Bearer credential in a bare string', 'bearer abc.def', `Bearer ${REDACTED}`],
    ['secrets inside arrays', [{ token: 't1' }, 'Bearer t2', [{ pass: 'p' }]], [{ token: REDACTED }, `Bearer ${REDACTED}`, [{ pass: REDACTED }]]],
    ['a whole object under a secret key', { secret: { nested: 'x' } }, { secret: REDACTED }],
    ['nothing when there is no secret', { userName: 'ada@example.com', active: true, count: 3, missing: null }, { userName: 'ada@example.com', active: true, count: 3, missing: null }],
  ])('redacts %s', (_case, input, expected) => {
    expect(redactSecrets(input)).toEqual(expected);
  });

  it.each([['tokenId'], ['token_id'], ['secretID']])('keeps %s because an identifier of a secret is not the secret', (key) => {
    expect(redactSecrets({ [key]: 'tok-1' })).toEqual({ [key]: 'tok-1' });
  });

  it('leaves the input untouched', () => {
    const input = { password: 'p', nested: { token: 't' } };
    redactSecrets(input);
    expect(input).toEqual({ password: 'p', nested: { token: 't' } });
  });

  it('turns an error into a plain object whose message is redacted', () => {
    const error = Object.assign(new Error('Zoom said no to Bearer abc'), { code: 'E_ZOOM', authorization: 'Bearer abc' });
    expect(redactSecrets({ err: error })).toEqual({
      err: expect.objectContaining({
        type: 'Error',
        message: `Zoom said no to Bearer ${REDACTED}`,
        code: 'E_ZOOM',
        authorization: REDACTED,
        stack: expect.stringContaining(`Bearer ${REDACTED}`),
      }),
    });
  });

  it('marks a cycle instead of recursing forever, but copies an object shared by two branches', () => {
    const shared = { name: 'shared' };
    const cyclic: Record<string, unknown> = { a: shared, b: shared };
    cyclic['self'] = cyclic;
    expect(redactSecrets(cyclic)).toEqual({ a: { name: 'shared' }, b: { name: 'shared' }, self: '[Circular]' });
  });

  it('keeps dates and follows toJSON like JSON.stringify would', () => {
    const when = new Date('2025-01-02T03:04:05Z');
    const withToJson = { toJSON: () => ({ password: 'p', kept: 1 }) };
    expect(redactSecrets({ when, withToJson })).toEqual({ when, withToJson: { password: REDACTED, kept: 1 } });
  });

  it('redacts the values of a Map', () => {
    expect(redactSecrets(new Map([['password', 'p'], ['user', 'ada']]))).toEqual({ password: REDACTED, user: 'ada' });
  });
});
