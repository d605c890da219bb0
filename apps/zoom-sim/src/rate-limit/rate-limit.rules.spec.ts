import { EMPTY_WINDOW, isoSeconds, nextUtcMidnight, rateLimitHeaders, secondOf, takeFromWindow, utcDayOf, type RateDecision } from './rate-limit.rules';
import { planLimits } from './plan-limits.rules';

describe('takeFromWindow', () => {
  it.each([
    { name: 'the first call of a fresh window', window: EMPTY_WINDOW, index: 10, limit: 3, allowed: true, remaining: 2, used: 1 },
    { name: 'a call in the same window', window: { index: 10, used: 1 }, index: 10, limit: 3, allowed: true, remaining: 1, used: 2 },
    { name: 'the last call the limit allows', window: { index: 10, used: 2 }, index: 10, limit: 3, allowed: true, remaining: 0, used: 3 },
    { name: 'a call over the limit', window: { index: 10, used: 3 }, index: 10, limit: 3, allowed: false, remaining: 0, used: 3 },
    { name: 'a call in the next window after a full one', window: { index: 10, used: 3 }, index: 11, limit: 3, allowed: true, remaining: 2, used: 1 },
    { name: 'any call when the limit is zero', window: EMPTY_WINDOW, index: 5, limit: 0, allowed: false, remaining: 0, used: 0 },
  ])('$name', ({ window, index, limit, allowed, remaining, used }) => {
    const take = takeFromWindow(window, index, limit);
    expect(take).toEqual({ allowed, remaining, window: { index, used } });
  });

  it('never changes the window it is given', () => {
    const window = { index: 1, used: 1 };
    takeFromWindow(window, 1, 5);
    expect(window).toEqual({ index: 1, used: 1 });
  });
});

describe('time windows', () => {
  it.each([
    { at: '2025-01-15T12:00:00.000Z', second: Date.UTC(2025, 0, 15, 12) / 1000 },
    { at: '2025-01-15T12:00:00.999Z', second: Date.UTC(2025, 0, 15, 12) / 1000 },
    { at: '2025-01-15T12:00:01.000Z', second: Date.UTC(2025, 0, 15, 12) / 1000 + 1 },
  ])('puts $at in second $second', ({ at, second }) => {
    expect(secondOf(Date.parse(at))).toBe(second);
  });

  it.each([
    { at: '2025-01-15T00:00:00.000Z', next: '2025-01-16T00:00:00.000Z' },
    { at: '2025-01-15T23:59:59.999Z', next: '2025-01-16T00:00:00.000Z' },
    { at: '2024-02-28T13:00:00.000Z', next: '2024-02-29T00:00:00.000Z' },
    { at: '2024-02-29T13:00:00.000Z', next: '2024-03-01T00:00:00.000Z' },
    { at: '2025-12-31T23:00:00.000Z', next: '2026-01-01T00:00:00.000Z' },
    { at: '2025-03-30T01:30:00.000Z', next: '2025-03-31T00:00:00.000Z' },
  ])('resets a daily limit reached at $at at $next', ({ at, next }) => {
    expect(nextUtcMidnight(Date.parse(at)).toISOString()).toBe(next);
  });

  it('starts a new UTC day exactly at midnight', () => {
    expect(utcDayOf(Date.parse('2025-01-16T00:00:00.000Z'))).toBe(utcDayOf(Date.parse('2025-01-15T23:59:59.999Z')) + 1);
  });

  it('writes Retry-After dates without milliseconds', () => {
    expect(isoSeconds(new Date('2025-01-16T00:00:00.000Z'))).toBe('2025-01-16T00:00:00Z');
  });
});

describe('rateLimitHeaders', () => {
  it.each<{ decision: RateDecision; headers: Record<string, string> }>([
    {
      decision: { outcome: 'allowed', label: 'Light', limit: 80, remaining: 79 },
      headers: { 'X-RateLimit-Category': 'Light', 'X-RateLimit-Type': 'QPS', 'X-RateLimit-Limit': '80', 'X-RateLimit-Remaining': '79' },
    },
    {
      decision: { outcome: 'qps-exceeded', label: 'Medium', limit: 60 },
      headers: { 'X-RateLimit-Category': 'Medium', 'X-RateLimit-Type': 'QPS', 'X-RateLimit-Limit': '60', 'X-RateLimit-Remaining': '0', 'Retry-After': '1' },
    },
    {
      decision: { outcome: 'daily-exceeded', label: 'Light', limit: 1000, resumeAt: new Date('2025-01-16T00:00:00Z') },
      headers: {
        'X-RateLimit-Category': 'Light',
        'X-RateLimit-Type': 'Daily-limit',
        'X-RateLimit-Limit': '1000',
        'X-RateLimit-Remaining': '0',
        'Retry-After': '2025-01-16T00:00:00Z',
      },
    },
  ])('sends Zoom headers for a $decision.outcome call', ({ decision, headers }) => {
    expect(rateLimitHeaders(decision)).toEqual(headers);
  });
});

describe('planLimits', () => {
  it.each([
    { plan: 'Free', limits: { light: 4, medium: 2 } },
    { plan: 'Pro', limits: { light: 30, medium: 20 } },
    { plan: 'Business', limits: { light: 80, medium: 60 } },
    { plan: 'Enterprise', limits: { light: 80, medium: 60 } },
  ] as const)('gives the $plan plan $limits.light Light and $limits.medium Medium calls per second', ({ plan, limits }) => {
    expect(planLimits(plan)).toEqual(limits);
  });
});
