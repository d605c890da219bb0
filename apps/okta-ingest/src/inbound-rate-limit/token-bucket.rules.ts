export interface BucketLimit {
  requestsPerSecond: number;
  burst: number;
}

export interface BucketState {
  tokens: number;
  updatedAtMs: number;
}

export interface BucketDecision {
  state: BucketState;
  allowed: boolean;
  /** Whole seconds until a token is available (at least 1), for `Retry-After`; 0 when allowed. */
  retryAfterSeconds: number;
}

/** A token bucket: `burst` tokens, refilled at `requestsPerSecond`; a request takes one. */
export function takeToken(previous: BucketState | undefined, limit: BucketLimit, nowMs: number): BucketDecision {
  const elapsedSeconds = previous === undefined ? 0 : Math.max(0, nowMs - previous.updatedAtMs) / 1000;
  const tokens = Math.min(limit.burst, (previous?.tokens ?? limit.burst) + elapsedSeconds * limit.requestsPerSecond);
  if (tokens >= 1) {
    return { state: { tokens: tokens - 1, updatedAtMs: nowMs }, allowed: true, retryAfterSeconds: 0 };
  }
  const wait = (1 - tokens) / limit.requestsPerSecond;
  return { state: { tokens, updatedAtMs: nowMs }, allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(wait)) };
}
