/**
 * A token bucket: `ratePerSecond` tokens refill continuously up to `burst`. Pure arithmetic over
 * a clock value so it can be tested without waiting.
 */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number;
  private blockedUntil = 0;

  constructor(
    private ratePerSecond: number,
    private burst: number,
    now: number,
  ) {
    this.tokens = burst;
    this.updatedAt = now;
  }

  /** Milliseconds to wait before a token is available; takes the token when 0. */
  tryTake(now: number): number {
    this.refill(now);
    if (now < this.blockedUntil) {
      return this.blockedUntil - now;
    }
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil(((1 - this.tokens) / this.ratePerSecond) * 1000));
  }

  /** Zoom said to wait: no call before `until`, and the bucket restarts empty. */
  blockUntil(until: number): void {
    this.blockedUntil = Math.max(this.blockedUntil, until);
    this.tokens = 0;
  }

  heldUntil(): number {
    return this.blockedUntil;
  }

  setRate(ratePerSecond: number, burst: number): void {
    this.ratePerSecond = ratePerSecond;
    this.burst = burst;
    this.tokens = Math.min(this.tokens, burst);
  }

  private refill(now: number): void {
    // Nothing accrues while Zoom has told us to wait.
    const from = Math.max(this.updatedAt, this.blockedUntil);
    const elapsed = Math.max(0, now - from) / 1000;
    this.tokens = Math.min(this.burst, this.tokens + elapsed * this.ratePerSecond);
    this.updatedAt = Math.max(this.updatedAt, now);
  }
}
