import { adaptBudget, burstFor, dailyCapHold, initialBudget, targetRate, type BudgetState, type RateSignal } from './rate-adaptation.rules';

const now = Date.UTC(2026, 10, 29, 10, 0, 0, 250);

describe('adaptBudget', () => {
  it.each<[string, BudgetState, RateSignal, number, number | undefined]>([
    ['recovers towards the target after a success', { configured: 80, rate: 40 }, { kind: 'answered', qps: true, remaining: 10 }, 40.776, undefined],
    ['never exceeds the target', { configured: 80, rate: 77.6 }, { kind: 'answered', qps: true, remaining: 10 }, 77.6, undefined],
    ['follows a lower reported limit', { configured: 80, rate: 77.6 }, { kind: 'answered', qps: true, limit: 30, remaining: 10 }, 29.1, undefined],
    ['waits for the next second when none remain', { configured: 80, rate: 77.6 }, { kind: 'answered', qps: true, remaining: 0 }, 77.6, Date.UTC(2026, 10, 29, 10, 0, 1)],
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
