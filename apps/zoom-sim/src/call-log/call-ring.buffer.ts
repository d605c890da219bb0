/**
 * A fixed-capacity log that overwrites its oldest entry when full. Entries arrive in increasing
 * `seq` order, so "everything after seq N" is a binary search away.
 */
export class CallRingBuffer<T extends { seq: number }> {
  private readonly items: T[] = [];
  private oldest = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new Error(`a ring buffer needs a positive integer capacity, got ${capacity}`);
    }
  }

  get size(): number {
    return this.items.length;
  }

  push(item: T): void {
    if (this.items.length < this.capacity) {
      this.items.push(item);
      return;
    }
    this.items[this.oldest] = item;
    this.oldest = (this.oldest + 1) % this.capacity;
  }

  /** The entry `position` places from the oldest. */
  at(position: number): T | undefined {
    if (position < 0 || position >= this.items.length) {
      return undefined;
    }
    return this.items[(this.oldest + position) % this.items.length];
  }

  /** Up to `limit` entries with `seq` greater than `since`, oldest first. */
  after(since: number, limit: number): T[] {
    let low = 0;
    let high = this.items.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((this.at(middle)?.seq ?? Infinity) > since) {
        high = middle;
      } else {
        low = middle + 1;
      }
    }
    const found: T[] = [];
    for (let position = low; position < this.items.length && found.length < limit; position += 1) {
      found.push(this.at(position) as T);
    }
    return found;
  }

  /** Newest first, for looking back over a recent time window. */
  *newestFirst(): Generator<T> {
    for (let position = this.items.length - 1; position >= 0; position -= 1) {
      yield this.at(position) as T;
    }
  }
}
