export interface PartitionOffset {
  topic: string;
  partition: number;
  /** The next offset to read. */
  offset: string;
}

/**
 * Offsets of handled batches, committed once per fetch instead of once per batch. kafkajs starts
 * the next fetch only after every batch of the last one was handled, so committing when a fetch
 * starts sends one request for all of them (a consumer of many partitions used to send one per
 * partition, and offset commits were most of the broker's requests). Until that request went
 * out, a crash redelivers the handled tail, which every consumer dedupes by message id.
 */
export class OffsetCommitter {
  private pending = new Map<string, PartitionOffset>();
  private inFlight: Promise<void> | undefined;

  constructor(
    private readonly send: (offsets: PartitionOffset[]) => Promise<void>,
    private readonly onError: (error: unknown, offsets: PartitionOffset[]) => void,
  ) {}

  /** A batch was handled up to `offset` (the next one to read). */
  handled(topic: string, partition: number, offset: string): void {
    this.merge({ topic, partition, offset });
  }

  /**
   * Sends what is pending unless a request is already out (what arrives meanwhile goes with the
   * next flush). A failed request puts its offsets back, unless newer ones arrived meanwhile.
   */
  flush(): Promise<void> {
    if (this.inFlight !== undefined || this.pending.size === 0) {
      return this.inFlight ?? Promise.resolve();
    }
    const offsets = [...this.pending.values()];
    this.pending = new Map();
    this.inFlight = this.send(offsets)
      .catch((error: unknown) => {
        offsets.forEach((offset) => this.merge(offset));
        this.onError(error, offsets);
      })
      .finally(() => {
        this.inFlight = undefined;
      });
    return this.inFlight;
  }

  /** Waits for the request under way, then sends the rest: before the consumer leaves. */
  async drain(): Promise<void> {
    await this.inFlight;
    await this.flush();
  }

  /** After a rebalance the partitions may belong to another member: their offsets are not ours to commit. */
  forget(): void {
    this.pending.clear();
  }

  private merge(entry: PartitionOffset): void {
    const key = `${entry.topic}\u0000${entry.partition}`;
    const current = this.pending.get(key);
    if (current === undefined || BigInt(entry.offset) > BigInt(current.offset)) {
      this.pending.set(key, entry);
    }
  }
}
