import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
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

interface VerifyRow {
  id: string;
  seq: string;
  prev_hash: string;
  hash: string;
  recorded_at: string;
  occurred_at: string;
  event_type: string;
  topic: string;
  actor_type: string;
  actor_id: string;
  outcome: string;
  reason: string | null;
  correlation_id: string;
  causation_id: string | null;
  targets: string;
  details: string;
}

const PAGE = 10_000;
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
    let firstSeq: string | null = null;
    // Pages are ranges of positions (an index range scan); duplicates of one position land in the same page.
    const head: { seq: string }[] = await this.dataSource.query(
      `SELECT seq::text AS seq FROM audit.audit_event WHERE tenant_id = $1 ORDER BY audit_event.seq DESC LIMIT 1`,
      [tenantId],
    );
    const headSeq = head[0] === undefined ? anchor.seq : BigInt(head[0].seq);
    const end = range.toSeq !== undefined && range.toSeq < headSeq ? range.toSeq : headSeq;
    for (let from = anchor.seq; from < end; from += BigInt(PAGE)) {
      const upTo = from + BigInt(PAGE) < end ? from + BigInt(PAGE) : end;
      for (const row of await this.page(tenantId, from, upTo)) {
        firstSeq ??= row.seq;
        if (!verifier.accept(toChainRow(tenantId, row))) {
          return report(verifier, verifier.firstBreak, firstSeq);
        }
      }
    }
    const latestSeq = latest === undefined ? undefined : BigInt(latest.seq);
    return report(verifier, verifier.finish(latestSeq, range.toSeq), firstSeq);
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

  private async page(tenantId: string, afterSeq: bigint, upToSeq: bigint): Promise<VerifyRow[]> {
    return this.dataSource.query(
      `SELECT id::text AS id, seq::text AS seq, prev_hash, hash,
         to_char(recorded_at AT TIME ZONE 'UTC', ${ISO}) AS recorded_at, to_char(occurred_at AT TIME ZONE 'UTC', ${ISO}) AS occurred_at,
         event_type, topic, actor_type, actor_id, outcome, reason, correlation_id, causation_id, targets::text AS targets, details::text AS details
       FROM audit.audit_event
       WHERE tenant_id = $1 AND seq > $2 AND seq <= $3
       ORDER BY audit_event.seq, audit_event.id`,
      [tenantId, afterSeq.toString(), upToSeq.toString()],
    );
  }
}

function toChainRow(tenantId: string, row: VerifyRow): { id: string; seq: string; prevHash: string; hash: string; canonical: string } {
  const canonical = canonicalRecord({
    id: row.id,
    tenantId,
    seq: row.seq,
    recordedAt: row.recorded_at,
    occurredAt: row.occurred_at,
    eventType: row.event_type,
    topic: row.topic,
    actorType: row.actor_type,
    actorId: row.actor_id,
    outcome: row.outcome,
    reason: row.reason,
    correlationId: row.correlation_id,
    causationId: row.causation_id,
    targetsJson: row.targets,
    detailsJson: row.details,
  });
  return { id: row.id, seq: row.seq, prevHash: row.prev_hash, hash: row.hash, canonical };
}
