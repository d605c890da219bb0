import { adaptBudget, burstFor, countedSecond, dailyCapHold, initialBudget, targetRate, type BudgetState, type RateSignal } from './rate-adaptation.rules';

const now = Date.UTC(2026, 10, 29, 10, 0, 0, 250);

describe('adaptBudget', () => {
  it.each<[string, BudgetState, RateSignal, number, number | undefined]>([
    ['recovers towards the target after a success', { configured: 80, rate: 40 }, { kind: 'answered', qps: true, remaining: 10 }, 40.776, undefined],
    ['never exceeds the target', { configured: 80, rate: 77.6 }, { kind: 'answered', qps: true, remaining: 10 }, 77.6, undefined],
    ['follows a lower reported limit', { configured: 80, rate: 77.6 }, { kind: 'answered', qps: true, limit: 30, remaining: 10 }, 29.1, undefined],
    ['waits for the next second when none remain', { configured: 80, rate: 77.6 }, { kind: 'answered', qps: true, remaining: 0 }, 77.6, Date.UTC(2026, 10, 29, 10, 0, 1)],
    [
      'waits for the next second when its remaining calls are on their way or about to go',
      { configured: 80, rate: 77.6 },
      { kind: 'answered', qps: true, remaining: 4, countedIn: Math.floor(now / 1000), inFlight: 2 },
      77.6,
      Date.UTC(2026, 10, 29, 10, 0, 1),
    ],
    ['goes on while more remain than that', { configured: 80, rate: 77.6 }, { kind: 'answered', qps: true, remaining: 5, countedIn: Math.floor(now / 1000), inFlight: 2 }, 77.6, undefined],
    [
      'at a slow pace counts only the calls on their way',
      { configured: 4, rate: 3.88 },
      { kind: 'answered', qps: true, remaining: 1, countedIn: Math.floor(now / 1000), inFlight: 0 },
      3.88,
      undefined,
    ],
    ['ignores a used-up second that has ended', { configured: 80, rate: 77.6 }, { kind: 'answered', qps: true, remaining: 0, countedIn: Math.floor(now / 1000) - 1, inFlight: 5 }, 77.6, undefined],
    ['backs off on a per-second 429 and holds until the retry time', { configured: 80, rate: 77.6 }, { kind: 'qps-limited', retryAt: now + 1000 }, 62.08, now + 1000],
    ['keeps a floor after repeated 429s', { configured: 80, rate: 20 }, { kind: 'qps-limited', retryAt: now + 1000 }, 19.4, now + 1000],
    [
      'backs off once for the calls answered 429 in one crowded second',
      { configured: 80, rate: 62.08, backedOffFor: now + 1000 },
      { kind: 'qps-limited', retryAt: now + 1000 },
      62.08,
      now + 1000,
    ],
    [
      'backs off again for a later second',
      { configured: 80, rate: 62.08, backedOffFor: now - 1000 },
      { kind: 'qps-limited', retryAt: now + 1000 },
      49.664,
      now + 1000,
    ],
    ['holds a daily limit without touching the pace', { configured: 80, rate: 50 }, { kind: 'daily-limited', retryAt: Date.UTC(2026, 10, 30) }, 50, Date.UTC(2026, 10, 30)],
  ])('%s', (_label, state, signal, rate, holdUntil) => {
    const adaptation = adaptBudget(state, signal, now);
    expect(adaptation.state.rate).toBeCloseTo(rate, 3);
    expect(adaptation.holdUntil).toBe(holdUntil);
  });

  it('starts just under the configured rate', () => {
    expect(initialBudget(80).rate).toBeCloseTo(77.6);
    expect(targetRate({ configured: 10, reportedLimit: 80 })).toBeCloseTo(9.7);
  });
});

describe('countedSecond', () => {
  const at = (ms: number): number => Date.UTC(2026, 10, 29, 10, 0, 0, ms);
  it.each<[string, number, number, string | null, number | undefined]>([
    ['sent and answered in one second: that second', at(100), at(900), null, Math.floor(at(0) / 1000)],
    ['across a second: the one the Date names', at(990), at(1050), new Date(at(995)).toUTCString(), Math.floor(at(0) / 1000)],
    ['across a second: the later one when the Date names it', at(990), at(1050), new Date(at(1001)).toUTCString(), Math.floor(at(1000) / 1000)],
    ['across a second without a Date: unknown', at(990), at(1050), null, undefined],
    ['a Date outside the call: unknown (clocks apart)', at(990), at(1050), new Date(at(5000)).toUTCString(), undefined],
    ['an unreadable Date: unknown', at(990), at(1050), 'yesterday', undefined],
  ])('%s', (_label, sentAt, answeredAt, date, expected) => {
    expect(countedSecond(sentAt, answeredAt, date)).toBe(expected);
  });
});

describe('dailyCapHold', () => {
  it.each([
    [99, 100, undefined],
    [100, 100, Date.UTC(2026, 10, 30)],
    [5000, null, undefined],
  ])('after %s calls with a cap of %s holds until %s', (used, cap, expected) => {
    expect(dailyCapHold(used, cap, now)).toBe(expected);
  });
});

describe('burstFor', () => {
  it.each([
    [1, 1],
    [10, 1],
    [77.6, 8],
  ])('at %s/s allows a burst of %s', (rate, burst) => {
    expect(burstFor(rate)).toBe(burst);
  });
});
