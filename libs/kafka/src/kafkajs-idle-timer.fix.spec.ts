import { createRequire } from 'node:module';
import { applyKafkajsIdleTimerFix } from './kafkajs-idle-timer.fix';

const load = createRequire(require.resolve('kafkajs'));

describe('kafkajs idle timer fix', () => {
  const RequestQueue = load('./src/network/requestQueue') as {
    prototype: { scheduleCheckPendingRequests(this: object): void };
  };

  beforeAll(() => applyKafkajsIdleTimerFix());
  afterEach(() => jest.useRealTimers());

  it('still finds the internals it patches in the installed kafkajs', () => {
    const source = load('fs').readFileSync(load.resolve('./src/network/requestQueue'), 'utf8') as string;
    expect(source).toContain('scheduleCheckPendingRequests()');
    expect(source).toContain('this.throttleCheckTimeoutId');
    expect(load('./package.json').version).toBe('2.2.4');
  });

  it('arms no timer while nothing is pending', () => {
    jest.useFakeTimers();
    const queue = { pending: [], throttledUntil: -1, throttleCheckTimeoutId: null, checkPendingRequests: jest.fn() };
    RequestQueue.prototype.scheduleCheckPendingRequests.call(queue);
    expect(queue.throttleCheckTimeoutId).toBeNull();
    expect(jest.getTimerCount()).toBe(0);
  });

  it.each([
    ['not throttled', -1, 10],
    ['throttled for 500 ms', 500, 500],
  ])('re-checks a queue with pending requests (%s)', (_label, throttleMs, expectedDelay) => {
    jest.useFakeTimers({ now: 1_000_000 });
    const checkPendingRequests = jest.fn();
    const queue = {
      pending: [{}],
      throttledUntil: throttleMs > 0 ? Date.now() + throttleMs : -1,
      throttleCheckTimeoutId: null,
      checkPendingRequests,
    };
    RequestQueue.prototype.scheduleCheckPendingRequests.call(queue);
    jest.advanceTimersByTime(expectedDelay - 1);
    expect(checkPendingRequests).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    expect(checkPendingRequests).toHaveBeenCalledTimes(1);
    expect(queue.throttleCheckTimeoutId).toBeNull();
  });
});
