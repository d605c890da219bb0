export interface BackoffPolicy {
  initialMs: number;
  maxMs: number;
  /** 0..1: the share of each delay that is randomised, so replicas do not retry in step. */
  jitter: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { initialMs: 200, maxMs: 30_000, jitter: 0.2 };

/** Delay before retry number `attempt` (1-based): exponential, capped, with jitter. */
export function backoffDelay(attempt: number, policy: BackoffPolicy = DEFAULT_BACKOFF, random: () => number = Math.random): number {
  const exponential = Math.min(policy.maxMs, policy.initialMs * 2 ** Math.max(0, attempt - 1));
  const spread = exponential * policy.jitter;
  return Math.round(exponential - spread + random() * 2 * spread);
}
