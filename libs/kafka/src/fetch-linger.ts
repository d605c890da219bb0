/**
 * Adaptive batching for a consumer: once a fetch came back with only a few messages, its handlers
 * hold the next fetch back until `lingerMs` after it arrived, so the next one brings what arrived
 * meanwhile in one batch. A lone message is handled at once (nothing waits before handling); only
 * a stream of small fetches is slowed, by at most `lingerMs` per hop. A fetch that already brought
 * `enoughMessages` is followed by the next one straight away.
 *
 * Every fetch, every batch statement and every offset commit is a round trip, and on a small
 * machine round trips (socket syscalls) are what the pipeline pays most for.
 */
export class FetchLinger {
  private until = 0;
  private messages = 0;

  constructor(
    private readonly lingerMs: number,
    private readonly enoughMessages: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** A fetch came back; its batches are about to be handled. */
  fetched(): void {
    this.until = this.now() + this.lingerMs;
    this.messages = 0;
  }

  /** A handler finished `count` messages of the current fetch: how long it should hold the next fetch back. */
  handled(count: number): number {
    this.messages += count;
    if (this.lingerMs <= 0 || this.messages >= this.enoughMessages) {
      return 0;
    }
    return Math.max(0, this.until - this.now());
  }
}
