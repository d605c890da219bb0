import { ConfigError } from '@bridge/observability';
import { loadZoomSimConfig } from './app.config';

describe('loadZoomSimConfig', () => {
  it('defaults to port 8090 and the demo account with the demo token', () => {
    const config = loadZoomSimConfig({});
    expect(config.port).toBe(8090);
    expect(config.callLogSize).toBe(200_000);
    expect(config.accounts).toHaveLength(1);
    expect(config.accounts[0]?.account).toMatchObject({
      id: 'demo-account',
      staticToken: 'zoom-sim-demo-token',
      oauth: { clientId: 'demo-client', clientSecret: 'demo-secret', tokenLifetimeSeconds: 3600 },
      domains: ['example.com', 'acme.test'],
      rateLimits: { light: 80, medium: 60 },
    });
  });

  it('takes the demo token from ZOOM_SIM_TOKEN', () => {
    expect(loadZoomSimConfig({ ZOOM_SIM_TOKEN: 'another-token' }).accounts[0]?.account.staticToken).toBe('another-token');
  });

  it('reads accounts, with seeds, from ZOOM_SIM_ACCOUNTS', () => {
    const accounts = JSON.stringify([{ id: 'pro', plan: 'Pro', staticToken: 'pro-token-123', domains: ['Pro.Test'], seed: { users: [{ userName: 'a@pro.test' }] } }]);
    const [definition] = loadZoomSimConfig({ ZOOM_SIM_ACCOUNTS: accounts, PORT: '9000' }).accounts;
    expect(definition?.account).toMatchObject({ id: 'pro', rateLimits: { light: 30, medium: 20 }, domains: ['pro.test'] });
    expect(definition?.seed?.users).toEqual([expect.objectContaining({ userName: 'a@pro.test', state: 'active', role: 'Member' })]);
  });

  it.each([
    { name: 'JSON that does not parse', env: { ZOOM_SIM_ACCOUNTS: '[{' }, problem: 'ZOOM_SIM_ACCOUNTS: expected JSON' },
    { name: 'an account without an id', env: { ZOOM_SIM_ACCOUNTS: '[{"plan":"Pro"}]' }, problem: 'ZOOM_SIM_ACCOUNTS.0.id' },
    { name: 'a port out of range', env: { PORT: '70000' }, problem: 'PORT' },
  ])('stops with a readable error on $name', ({ env, problem }) => {
    expect(() => loadZoomSimConfig(env)).toThrow(ConfigError);
    expect(() => loadZoomSimConfig(env)).toThrow(problem);
  });
});
