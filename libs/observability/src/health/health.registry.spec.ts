import { captureLogLines } from '../testing/observability-test-app';
import { createLogger } from '../logging/bridge.logger';
import { HealthRegistry } from './health.registry';

function createTestRegistry() {
  const { lines, destination } = captureLogLines();
  return { registry: new HealthRegistry(createLogger('test', { destination })), logs: lines };
}

const up = async (): Promise<void> => undefined;
const down = (reason: string) => async (): Promise<void> => {
  throw new Error(reason);
};

describe('HealthRegistry', () => {
  it('is ready with no checks registered', async () => {
    const { registry } = createTestRegistry();

    expect(await registry.checkReadiness()).toEqual({ ready: true, checks: {} });
  });

  it('reports every check and is not ready when one is down', async () => {
    const { registry } = createTestRegistry();
    registry.register('postgres', up);
    registry.register('kafka-consumer', down('consumer has not joined its group'));

    expect(await registry.checkReadiness()).toEqual({
      ready: false,
      checks: { postgres: { status: 'up' }, 'kafka-consumer': { status: 'down', error: 'consumer has not joined its group' } },
    });
  });

  it('counts a check that does not answer in time as down', async () => {
    const { registry } = createTestRegistry();
    registry.register('slow', () => new Promise<void>(() => undefined));

    expect(await registry.checkReadiness(20)).toEqual({ ready: false, checks: { slow: { status: 'down', error: 'timed out after 20 ms' } } });
  });

  it('runs the checks concurrently', async () => {
    const { registry } = createTestRegistry();
    let running = 0;
    let mostAtOnce = 0;
    const check = async (): Promise<void> => {
      running += 1;
      mostAtOnce = Math.max(mostAtOnce, running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      running -= 1;
    };
    ['a', 'b', 'c'].forEach((name) => registry.register(name, check));

    await registry.checkReadiness();

    expect(mostAtOnce).toBe(3);
  });

  it('counts a check that throws synchronously as down', async () => {
    const { registry } = createTestRegistry();
    registry.register('sync', () => {
      throw new Error('no pool');
    });

    expect((await registry.checkReadiness()).checks['sync']).toEqual({ status: 'down', error: 'no pool' });
  });

  it('does not serve a credential found in an error', async () => {
    const { registry } = createTestRegistry();
    registry.register('zoom', down('401 for Bearer abc'));

    expect((await registry.checkReadiness()).checks['zoom']).toEqual({ status: 'down', error: '401 for Bearer [REDACTED]' });
  });

  it('refuses a second check under one name', () => {
    const { registry } = createTestRegistry();
    registry.register('postgres', up);

    expect(() => registry.register('postgres', up)).toThrow('a readiness check named "postgres" is already registered');
  });

  it('logs when a check goes down and when it recovers, not on every probe', async () => {
    const { registry, logs } = createTestRegistry();
    let healthy = false;
    registry.register('postgres', async () => {
      if (!healthy) {
        throw new Error('connection refused');
      }
    });

    await registry.checkReadiness();
    await registry.checkReadiness();
    healthy = true;
    await registry.checkReadiness();
    await registry.checkReadiness();

    expect(logs).toEqual([
      expect.objectContaining({ level: 'warn', msg: 'readiness check failed', check: 'postgres', error: 'connection refused' }),
      expect.objectContaining({ level: 'info', msg: 'readiness check recovered', check: 'postgres' }),
    ]);
  });
});
