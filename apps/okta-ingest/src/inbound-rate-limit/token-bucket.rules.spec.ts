import { takeToken, type BucketState } from './token-bucket.rules';

describe('takeToken', () => {
  const limit = { requestsPerSecond: 2, burst: 3 };

  it('lets a burst through, then refuses with the seconds until the next token', () => {
    let state: BucketState | undefined;
    const allowed: boolean[] = [];
    let retryAfter = 0;
    for (let i = 0; i < 4; i += 1) {
      const decision = takeToken(state, limit, 1000);
      state = decision.state;
      allowed.push(decision.allowed);
      retryAfter = decision.retryAfterSeconds;
    }
    expect(allowed).toEqual([true, true, true, false]);
    expect(retryAfter).toBe(1);
  });

  it.each([
    [499, false],
    [500, true],
  ])('refills at the configured rate (%i ms later: %p)', (elapsed, expected) => {
    const empty = { tokens: 0, updatedAtMs: 0 };
    expect(takeToken(empty, limit, elapsed).allowed).toBe(expected);
  });

  it('never holds more than the burst', () => {
    expect(takeToken({ tokens: 0, updatedAtMs: 0 }, limit, 3_600_000).state.tokens).toBe(2);
  });

  it('rounds Retry-After up to whole seconds for slow limits', () => {
    expect(takeToken({ tokens: 0, updatedAtMs: 0 }, { requestsPerSecond: 0.25, burst: 1 }, 0).retryAfterSeconds).toBe(4);
  });
});
