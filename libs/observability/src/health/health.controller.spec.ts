import { startObservabilityTestApp, type ObservabilityTestApp } from '../testing/observability-test-app';
import { HealthRegistry } from './health.registry';

describe('health endpoints', () => {
  let testApp: ObservabilityTestApp;

  beforeEach(async () => {
    testApp = await startObservabilityTestApp();
  });

  afterEach(async () => {
    await testApp.app.close();
  });

  async function get(path: string): Promise<{ status: number; body: unknown }> {
    const response = await fetch(`${testApp.url}${path}`);
    return { status: response.status, body: await response.json() };
  }

  it('answers live with 200 while the process serves', async () => {
    testApp.app.get(HealthRegistry).register('postgres', async () => {
      throw new Error('down');
    });

    expect(await get('/health/live')).toEqual({ status: 200, body: { status: 'ok' } });
  });

  it('is ready with no checks registered', async () => {
    expect(await get('/health/ready')).toEqual({ status: 200, body: { status: 'ready', checks: {} } });
  });

  it('answers ready with 200 when every check is up', async () => {
    const health = testApp.app.get(HealthRegistry);
    health.register('postgres', async () => undefined);
    health.register('kafka-consumer', async () => undefined);

    expect(await get('/health/ready')).toEqual({
      status: 200,
      body: { status: 'ready', checks: { postgres: { status: 'up' }, 'kafka-consumer': { status: 'up' } } },
    });
  });

  it('answers ready with 503 and the reason when a check is down', async () => {
    const health = testApp.app.get(HealthRegistry);
    health.register('postgres', async () => undefined);
    health.register('kafka-consumer', async () => {
      throw new Error('consumer has not joined its group');
    });

    expect(await get('/health/ready')).toEqual({
      status: 503,
      body: {
        status: 'not-ready',
        checks: { postgres: { status: 'up' }, 'kafka-consumer': { status: 'down', error: 'consumer has not joined its group' } },
      },
    });
  });
});
