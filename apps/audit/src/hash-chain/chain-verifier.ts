import { chainHash } from './canonical-record';

export type ChainProblem =
  | 'missing-record'
  | 'duplicate-record'
  | 'prev-hash-mismatch'
  | 'hash-mismatch'
  | 'checkpoint-mismatch'
  | 'checkpoint-signature-invalid'
  | 'tail-truncated';

export interface ChainBreak {
  problem: ChainProblem;
  /** The first record (by chain position) that does not verify. */
  seq: string;
  id: string | null;
  message: string;
}

export interface ChainRow {
  id: string;
  seq: string;
  prevHash: string;
  hash: string;
  canonical: string;
}

export interface ChainAnchor {
  seq: bigint;
  hash: string;
}

/**
 * Walks one tenant's records in chain order from a trusted anchor (the genesis, or a signed
 * checkpoint) and stops at the first record that does not verify. Signed checkpoints inside the
 * range must match the recomputed hashes, so a chain rewritten from some point on is caught too.
 */
export class ChainVerifier {
  private expectedSeq: bigint;
  private previousHash: string;
  private checked = 0;
  private broken: ChainBreak | undefined;

  constructor(
    anchor: ChainAnchor,
    /** seq → hash of checkpoints whose signature verified. */
    private readonly checkpoints: ReadonlyMap<string, string>,
  ) {
    this.expectedSeq = anchor.seq + 1n;
    this.previousHash = anchor.hash;
  }

  get recordsChecked(): number {
    return this.checked;
  }

  get lastSeq(): bigint {
    return this.expectedSeq - 1n;
  }

  get firstBreak(): ChainBreak | undefined {
    return this.broken;
  }

  /** Checks the next record; false once the chain is broken (later records prove nothing). */
  accept(row: ChainRow): boolean {
    if (this.broken !== undefined) {
      return false;
    }
    const seq = BigInt(row.seq);
    if (seq < this.expectedSeq) {
      return this.fail('duplicate-record', row, `a second record claims position ${row.seq}`);
    }
    if (seq > this.expectedSeq) {
      return this.fail('missing-record', row, `record ${this.expectedSeq} is missing before record ${row.seq}`);
    }
    if (row.prevHash !== this.previousHash) {
      return this.fail('prev-hash-mismatch', row, `record ${row.seq} is chained to a hash record ${seq - 1n} no longer has: one of them was altered`);
    }
    const recomputed = chainHash(this.previousHash, row.canonical);
    if (recomputed !== row.hash) {
      return this.fail('hash-mismatch', row, `record ${row.seq} was altered: its content no longer matches its hash`);
    }
    const signed = this.checkpoints.get(row.seq);
    if (signed !== undefined && signed !== recomputed) {
      return this.fail('checkpoint-mismatch', row, `record ${row.seq} differs from the signed checkpoint at that position: the chain was rewritten`);
    }
    this.checked += 1;
    this.expectedSeq = seq + 1n;
    this.previousHash = recomputed;
    return true;
  }

  /** After the last record: a signed checkpoint beyond it means the tail was cut off. */
  finish(latestCheckpointSeq: bigint | undefined, rangeEnd: bigint | undefined): ChainBreak | undefined {
    if (this.broken !== undefined || latestCheckpointSeq === undefined) {
      return this.broken;
    }
    const mustReach = rangeEnd === undefined || rangeEnd > latestCheckpointSeq ? latestCheckpointSeq : rangeEnd;
    if (this.lastSeq < mustReach) {
      this.broken = {
        problem: 'tail-truncated',
        seq: (this.lastSeq + 1n).toString(),
        id: null,
        message: `a signed checkpoint says the chain reached record ${latestCheckpointSeq}, but it ends at record ${this.lastSeq}`,
      };
    }
    return this.broken;
  }

  private fail(problem: ChainProblem, row: ChainRow, message: string): false {
    this.broken = { problem, seq: row.seq, id: row.id, message };
    return false;
  }
}
