/**
 * A token bucket with a one-second window: `ratePerSecond` tokens refill continuously up to
 * `burst`, and however full the bucket, no 1,000 ms span holds more than `floor(ratePerSecond)`
 * takes. Zoom counts calls per wall-clock second; the window is what keeps every such second
 * under the limit, so the burst can be large enough to catch up after the process was late
 * (a busy event loop, a starved CPU) instead of losing the tokens it could not take in time.
 * Pure arithmetic over a clock value so it can be tested without waiting.
 */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number;
  private blockedUntil = 0;
  /** When the most recent takes happened, oldest first; at most `windowCap()` of them. */
  private takes: number[] = [];

  constructor(
    private ratePerSecond: number,
    private burst: number,
    now: number,
  ) {
    this.tokens = burst;
    this.updatedAt = now;
  }

  /** Milliseconds to wait before a take is allowed; takes the token when 0. */
  tryTake(now: number): number {
    this.refill(now);
    if (now < this.blockedUntil) {
      return this.blockedUntil - now;
    }
    const cap = this.windowCap();
    const windowWait = this.takes.length >= cap ? this.takes[this.takes.length - cap] + 1000 - now : 0;
    if (this.tokens >= 1 && windowWait <= 0) {
      this.tokens -= 1;
      this.takes.push(now);
      if (this.takes.length > cap) {
        this.takes.splice(0, this.takes.length - cap);
      }
      return 0;
    }
    const tokenWait = this.tokens >= 1 ? 0 : Math.ceil(((1 - this.tokens) / this.ratePerSecond) * 1000);
    return Math.max(1, tokenWait, windowWait);
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

  private windowCap(): number {
    // Not rounded up: calls sent within one second by this clock can reach Zoom a little bunched,
    // and at 78 of 80 a loaded machine drew 11 429s in an import where 77 drew none.
    return Math.max(1, Math.floor(this.ratePerSecond));
  }

  private refill(now: number): void {
    // Nothing accrues while Zoom has told us to wait.
    const from = Math.max(this.updatedAt, this.blockedUntil);
    const elapsed = Math.max(0, now - from) / 1000;
    this.tokens = Math.min(this.burst, this.tokens + elapsed * this.ratePerSecond);
    this.updatedAt = Math.max(this.updatedAt, now);
  }
}
