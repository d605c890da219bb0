/**
 * How a budget reacts to what Zoom says. Pure, over clock values, so every rule is a table row.
 * Zoom counts per wall-clock second; pacing a little under the limit keeps bursts out of 429s.
 */
export const HEADROOM = 0.97;
const RECOVERY_SHARE = 0.01;
const BACKOFF_FACTOR = 0.8;
const FLOOR_SHARE = 0.25;

export interface BudgetState {
  /** The tenant's configured calls per second for this label. */
  configured: number;
  /** What Zoom's `X-RateLimit-Limit` last said, when it said anything. */
  reportedLimit?: number;
  /** The pace in force. */
  rate: number;
  /**
   * The retry time of the last 429 that backed the pace off. The calls already under way when a
   * second fills up are answered 429 together: one crowded second is one back-off, not one per call.
   */
  backedOffFor?: number;
}

export type RateSignal =
  | {
      kind: 'answered';
      limit?: number;
      remaining?: number;
      qps: boolean;
      /** The wall-clock second (epoch seconds) Zoom counted the call in, when it is known. */
      countedIn?: number;
      /** Calls of the label sent before this answer was read and not answered yet. */
      inFlight?: number;
    }
  | { kind: 'qps-limited'; retryAt: number; limit?: number }
  | { kind: 'daily-limited'; retryAt: number };

export interface Adaptation {
  state: BudgetState;
  /** No call of this label before this time. */
  holdUntil?: number;
}

export function targetRate(state: Pick<BudgetState, 'configured' | 'reportedLimit'>): number {
  const ceiling = state.reportedLimit === undefined ? state.configured : Math.min(state.configured, state.reportedLimit);
  return ceiling * HEADROOM;
}

export function initialBudget(configured: number): BudgetState {
  return { configured, rate: configured * HEADROOM };
}

export function adaptBudget(state: BudgetState, signal: RateSignal, now: number): Adaptation {
  switch (signal.kind) {
    case 'answered': {
      const reportedLimit = signal.limit ?? state.reportedLimit;
      const target = targetRate({ configured: state.configured, reportedLimit });
      const rate = Math.min(target, state.rate + target * RECOVERY_SHARE);
      const next = { ...state, reportedLimit, rate };
      // Zoom says this second is used up (another app on the account may share it): wait for the next.
      return signal.qps && currentSecondUsedUp(signal, rate, now) ? { state: next, holdUntil: nextSecond(now) } : { state: next };
    }
    case 'qps-limited': {
      const reportedLimit = signal.limit ?? state.reportedLimit;
      const target = targetRate({ configured: state.configured, reportedLimit });
      if (state.backedOffFor !== undefined && signal.retryAt <= state.backedOffFor) {
        return { state: { ...state, reportedLimit, rate: Math.min(target, state.rate) }, holdUntil: signal.retryAt };
      }
      const rate = Math.max(target * FLOOR_SHARE, Math.min(target, state.rate * BACKOFF_FACTOR));
      return { state: { ...state, reportedLimit, rate, backedOffFor: signal.retryAt }, holdUntil: signal.retryAt };
    }
    case 'daily-limited':
      return { state, holdUntil: signal.retryAt };
    default: {
      const unhandled: never = signal;
      throw new Error(`unknown rate signal ${JSON.stringify(unhandled)}`);
    }
  }
}

/**
 * How long, in seconds, calls keep going out before the next answer is read: calls Zoom receives
 * bunched together (its side or ours was briefly busy) are answered together too, so by the time
 * an answer says few remain, about this much more has been sent.
 */
export const ANSWER_LAG_SECONDS = 0.03;

/**
 * Whether an answer says the second under way has no room left: no more calls remain in it than
 * are already on their way, plus those likely to go before the next answer is read (each one too
 * many is answered 429, and a 429 costs a whole second; a hold costs nothing when it is short,
 * since the burst catches up). An answer read after its second ended says nothing about the
 * current one: a busy process can read the answer to a call counted at …:45.990 at …:46.050, and
 * holding then would waste all of second 46. When the second is not known, only "none remain"
 * holds.
 */
function currentSecondUsedUp(signal: { remaining?: number; countedIn?: number; inFlight?: number }, rate: number, now: number): boolean {
  if (signal.remaining === undefined) {
    return false;
  }
  if (signal.countedIn === undefined) {
    return signal.remaining === 0;
  }
  return signal.countedIn === secondOf(now) && signal.remaining <= (signal.inFlight ?? 0) + Math.floor(rate * ANSWER_LAG_SECONDS);
}

/**
 * The wall-clock second Zoom counted a call in. It reached Zoom between its sending and the
 * reading of its answer: when both fall in one second, that is the one. Otherwise the answer's
 * `Date` (whole seconds, Zoom's clock) decides, if it names one of those seconds.
 */
export function countedSecond(sentAt: number, answeredAt: number, date: string | null): number | undefined {
  const first = secondOf(sentAt);
  const last = secondOf(answeredAt);
  if (first === last) {
    return last;
  }
  const dated = date === null ? Number.NaN : Date.parse(date);
  if (!Number.isFinite(dated)) {
    return undefined;
  }
  const second = secondOf(dated);
  return second >= first && second <= last ? second : undefined;
}

export function secondOf(epochMs: number): number {
  return Math.floor(epochMs / 1000);
}

export function nextSecond(now: number): number {
  return (secondOf(now) + 1) * 1000;
}

export function nextUtcMidnight(now: number): number {
  const day = 86_400_000;
  return (Math.floor(now / day) + 1) * day;
}

/** A tenant-configured daily cap: once `used` reaches it, nothing until 00:00 UTC. */
export function dailyCapHold(used: number, dailyLimit: number | null, now: number): number | undefined {
  return dailyLimit !== null && used >= dailyLimit ? nextUtcMidnight(now) : undefined;
}

/**
 * A tenth of a second of calls: a process that was late by that much (a busy event loop, a starved
 * CPU) catches up instead of losing the budget. Not more: calls sent together can reach Zoom
 * bunched into its next second (a quarter second drew 10-11 429s in an import on a loaded
 * machine). The bucket's one-second window, not the burst, keeps each second under Zoom's limit.
 */
export function burstFor(rate: number): number {
  return Math.max(1, Math.ceil(rate * 0.1));
}
