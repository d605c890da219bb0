import type { RateLabel } from '../state/sim-state.model';

const SECOND_MS = 1000;
const DAY_MS = 86_400_000;

/** Calls counted in one fixed window: a wall-clock second for QPS, a UTC day for the daily cap. */
export interface CounterWindow {
  index: number;
  used: number;
}

export const EMPTY_WINDOW: CounterWindow = { index: -1, used: 0 };

export interface WindowTake {
  allowed: boolean;
  /** Calls left in the window after this one. */
  remaining: number;
  /** The window to keep if the call goes ahead. */
  window: CounterWindow;
}

/** Counts one call in window `index` against `limit`; a new index starts an empty window. */
export function takeFromWindow(window: CounterWindow, index: number, limit: number): WindowTake {
  const used = window.index === index ? window.used : 0;
  if (used >= limit) {
    return { allowed: false, remaining: 0, window: { index, used } };
  }
  return { allowed: true, remaining: limit - used - 1, window: { index, used: used + 1 } };
}

export function secondOf(epochMs: number): number {
  return Math.floor(epochMs / SECOND_MS);
}

/** Days since the epoch in UTC: epoch milliseconds have no leap seconds, so days start at 00:00 UTC. */
export function utcDayOf(epochMs: number): number {
  return Math.floor(epochMs / DAY_MS);
}

/** When a daily limit resets: the next 00:00:00 UTC (a call at exactly midnight belongs to the new day). */
export function nextUtcMidnight(epochMs: number): Date {
  return new Date((utcDayOf(epochMs) + 1) * DAY_MS);
}

/** An ISO date without milliseconds, as Zoom's `Retry-After` for daily limits. */
export function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export type RateDecision =
  | { outcome: 'allowed'; label: RateLabel; limit: number; remaining: number }
  | { outcome: 'qps-exceeded'; label: RateLabel; limit: number }
  | { outcome: 'daily-exceeded'; label: RateLabel; limit: number; resumeAt: Date };

/** The X-RateLimit-* (and, on a 429, Retry-After) headers Zoom sends with a decision. */
export function rateLimitHeaders(decision: RateDecision): Record<string, string> {
  switch (decision.outcome) {
    case 'allowed':
      return {
        'X-RateLimit-Category': decision.label,
        'X-RateLimit-Type': 'QPS',
        'X-RateLimit-Limit': String(decision.limit),
        'X-RateLimit-Remaining': String(decision.remaining),
      };
    case 'qps-exceeded':
      return {
        'X-RateLimit-Category': decision.label,
        'X-RateLimit-Type': 'QPS',
        'X-RateLimit-Limit': String(decision.limit),
        'X-RateLimit-Remaining': '0',
        'Retry-After': '1',
      };
    case 'daily-exceeded':
      return {
        'X-RateLimit-Category': decision.label,
        'X-RateLimit-Type': 'Daily-limit',
        'X-RateLimit-Limit': String(decision.limit),
        'X-RateLimit-Remaining': '0',
        'Retry-After': isoSeconds(decision.resumeAt),
      };
    default: {
      const unhandled: never = decision;
      throw new Error(`unknown rate decision ${JSON.stringify(unhandled)}`);
    }
  }
}
