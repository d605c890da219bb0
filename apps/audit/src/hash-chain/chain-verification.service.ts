import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { PoolClient } from 'pg';
import type { DataSource } from 'typeorm';
import { GENESIS_HASH, canonicalRecord } from './canonical-record';
import type { CheckpointKey } from './checkpoint-key.config';
import { CHECKPOINT_KEY, CheckpointRepository } from './checkpoint.repository';
import { checkpointSignatureValid, type Checkpoint } from './checkpoint-signer';
import { ChainVerifier, type ChainAnchor, type ChainBreak } from './chain-verifier';

export interface VerificationReport {
  tenantId: string;
  intact: boolean;
  /** Where verification started: the genesis, or a signed checkpoint. */
  anchor: { kind: 'genesis' | 'periodic' | 'retention'; seq: string };
  firstSeq: string | null;
  lastSeq: string | null;
  recordsChecked: number;
  checkpointsChecked: number;
  firstBroken: ChainBreak | null;
  durationMs: number;
}

/** A page row as an array (no object per row): the columns of PAGE_SQL in order. */
type VerifyRow = [
  id: string,
  seq: string,
  prevHash: string,
  hash: string,
  recordedAt: string,
  occurredAt: string,
  eventType: string,
  topic: string,
  actorType: string,
  actorId: string,
  outcome: string,
  reason: string | null,
  correlationId: string,
  causationId: string | null,
  targets: string,
  details: string,
];

const PAGE = 10_000;
/** Rows hashed between two looks at the socket, so the next page streams in meanwhile. */
const SLICE = 1_000;
const ISO = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;

/** Proves a tenant's chain (or a range of it) intact, or names the first record that is not. */
@Injectable()
export class ChainVerificationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly checkpoints: CheckpointRepository,
    @Inject(CHECKPOINT_KEY) private readonly key: CheckpointKey,
  ) {}

  async verify(tenantId: string, range: { fromSeq?: bigint; toSeq?: bigint } = {}): Promise<VerificationReport> {
    const started = Date.now();
    const { anchor, kind } = await this.anchor(tenantId, range.fromSeq);
    const inRange = await this.checkpoints.between(tenantId, anchor.seq, range.toSeq);
    const latest = await this.checkpoints.latest(tenantId);
    const report = (verifier: ChainVerifier | undefined, broken: ChainBreak | undefined, firstSeq: string | null): VerificationReport => ({
      tenantId,
      intact: broken === undefined,
      anchor: { kind, seq: anchor.seq.toString() },
      firstSeq,
      lastSeq: verifier === undefined || verifier.recordsChecked === 0 ? null : verifier.lastSeq.toString(),
      recordsChecked: verifier?.recordsChecked ?? 0,
      checkpointsChecked: inRange.length,
      firstBroken: broken ?? null,
      durationMs: Date.now() - started,
    });
    const forged = [...inRange, ...(latest === undefined ? [] : [latest])].find((checkpoint) => !checkpointSignatureValid(checkpoint, this.key));
    if (forged !== undefined) {
      const broken: ChainBreak = { problem: 'checkpoint-signature-invalid', seq: forged.seq, id: null, message: `the checkpoint at record ${forged.seq} is not signed with the audit key` };
      return report(undefined, broken, null);
    }
    const verifier = new ChainVerifier(anchor, new Map(inRange.map((checkpoint) => [checkpoint.seq, checkpoint.hash])));
    const head: { seq: string }[] = await this.dataSource.query(
      `SELECT seq::text AS seq FROM audit.audit_event WHERE tenant_id = $1 ORDER BY audit_event.seq DESC LIMIT 1`,
      [tenantId],
    );
    const headSeq = head[0] === undefined ? anchor.seq : BigInt(head[0].seq);
    const end = range.toSeq !== undefined && range.toSeq < headSeq ? range.toSeq : headSeq;
    const firstSeq = await this.walk(tenantId, verifier, anchor.seq, end);
    if (verifier.firstBreak !== undefined) {
      return report(verifier, verifier.firstBreak, firstSeq);
    }
    const latestSeq = latest === undefined ? undefined : BigInt(latest.seq);
    return report(verifier, verifier.finish(latestSeq, range.toSeq), firstSeq);
  }

  /**
   * Feeds the records after `from` up to `end` to the verifier until one breaks the chain; returns
   * the first position seen. Pages are ranges of positions (an index range scan; duplicates of one
   * position land in the same page), fetched one ahead on the same connection, so PostgreSQL reads
   * and sends the next page while this one is hashed.
   */
  private async walk(tenantId: string, verifier: ChainVerifier, from: bigint, end: bigint): Promise<string | null> {
    const runner = this.dataSource.createQueryRunner();
    const client = (await runner.connect()) as PoolClient;
    const page = (after: bigint): Promise<VerifyRow[]> | undefined => (after < end ? fetchPage(client, tenantId, after, after + BigInt(PAGE) < end ? after + BigInt(PAGE) : end) : undefined);
    let firstSeq: string | null = null;
    let next = page(from);
    try {
      for (let after = from; next !== undefined; after += BigInt(PAGE)) {
        const rows = await next;
        next = page(after + BigInt(PAGE));
        firstSeq ??= rows[0]?.[1] ?? null;
        for (let start = 0; start < rows.length; start += SLICE) {
          if (!verifyRows(verifier, tenantId, rows, start, Math.min(start + SLICE, rows.length))) {
            return firstSeq;
          }
          await new Promise<void>((resolve) => setImmediate(resolve));
        }
      }
      return firstSeq;
    } finally {
      // A page still in flight is read to its end before the connection goes back to the pool;
      // after a break its rows no longer matter, but a failure to read them still surfaces.
      await next;
      await runner.release();
    }
  }

  private async anchor(tenantId: string, fromSeq: bigint | undefined): Promise<{ anchor: ChainAnchor; kind: 'genesis' | Checkpoint['kind'] }> {
    const retention = await this.checkpoints.latest(tenantId, 'retention');
    const candidates = fromSeq === undefined ? [] : await this.checkpoints.latestBefore(tenantId, fromSeq);
    const trusted = [...candidates, ...(retention === undefined ? [] : [retention])]
      .filter((checkpoint) => checkpointSignatureValid(checkpoint, this.key))
      .filter((checkpoint) => checkpoint.kind === 'retention' || retention === undefined || BigInt(checkpoint.seq) >= BigInt(retention.seq))
      .sort((a, b) => (BigInt(b.seq) > BigInt(a.seq) ? 1 : -1));
    const best = trusted[0];
    return best === undefined ? { anchor: { seq: 0n, hash: GENESIS_HASH }, kind: 'genesis' } : { anchor: { seq: BigInt(best.seq), hash: best.hash }, kind: best.kind };
  }

}

const PAGE_SQL = `SELECT id::text, seq::text, prev_hash, hash,
    to_char(recorded_at AT TIME ZONE 'UTC', ${ISO}), to_char(occurred_at AT TIME ZONE 'UTC', ${ISO}),
    event_type, topic, actor_type, actor_id, outcome, reason, correlation_id, causation_id, targets::text, details::text
  FROM audit.audit_event
  WHERE tenant_id = $1 AND seq > $2 AND seq <= $3
  ORDER BY audit_event.seq, audit_event.id`;

async function fetchPage(client: PoolClient, tenantId: string, afterSeq: bigint, upToSeq: bigint): Promise<VerifyRow[]> {
  const result = await client.query<VerifyRow>({ text: PAGE_SQL, values: [tenantId, afterSeq.toString(), upToSeq.toString()], rowMode: 'array' });
  return result.rows;
}

/** Rows `start` to `end` (exclusive) in order; false at the first that breaks the chain. */
function verifyRows(verifier: ChainVerifier, tenantId: string, rows: readonly VerifyRow[], start: number, end: number): boolean {
  for (let index = start; index < end; index += 1) {
    const [id, seq, prevHash, hash, recordedAt, occurredAt, eventType, topic, actorType, actorId, outcome, reason, correlationId, causationId, targetsJson, detailsJson] = rows[index];
    const canonical = canonicalRecord({ id, tenantId, seq, recordedAt, occurredAt, eventType, topic, actorType, actorId, outcome, reason, correlationId, causationId, targetsJson, detailsJson });
    if (!verifier.accept({ id, seq, prevHash, hash, canonical })) {
      return false;
    }
  }
  return true;
}
