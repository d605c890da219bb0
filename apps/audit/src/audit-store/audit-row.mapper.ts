import { canonicalJson, canonicalRecord, chainHash } from '../hash-chain/canonical-record';
import type { NewAuditRecord } from './audit-record';

/** A record ready for INSERT, with its chain position and hashes. */
export interface ChainedRow {
  id: string;
  seq: string;
  occurredAt: string;
  eventType: string;
  topic: string;
  actorType: string;
  actorId: string;
  targetType: string | null;
  targetId: string | null;
  targetName: string | null;
  targetIdsJson: string;
  targetsJson: string;
  outcome: string;
  reason: string | null;
  correlationId: string;
  causationId: string | null;
  detailsJson: string;
  prevHash: string;
  hash: string;
}

/**
 * PostgreSQL text cannot hold NUL and stores lone surrogates as U+FFFD, either of which would make a
 * stored record differ from what was hashed; such characters are replaced before hashing.
 */
export function storableText(value: string): string {
  return value.replace(LONE_SURROGATE, '\uFFFD').replace(/\u0000/g, '\uFFFD');
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function storable(value: unknown): unknown {
  if (typeof value === 'string') {
    return storableText(value);
  }
  if (Array.isArray(value)) {
    return value.map(storable);
  }
  if (typeof value === 'object' && value !== null && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([key, entry]) => [storableText(key), storable(entry)]));
  }
  return value;
}

/** Chains `records` (in order) after the tenant's head at `previousSeq`/`previousHash`, all recorded at `recordedAt`. */
export function chainRows(tenantId: string, records: NewAuditRecord[], previousSeq: bigint, previousHash: string, recordedAt: Date): ChainedRow[] {
  let seq = previousSeq;
  let prevHash = previousHash;
  const recordedAtIso = recordedAt.toISOString();
  return records.map((record) => {
    seq += 1n;
    const text = (value: string | null): string | null => (value === null ? null : storableText(value));
    const targets = storable(record.targets) as NewAuditRecord['targets'];
    const primary = targets[0];
    const row = {
      id: record.id,
      seq: seq.toString(),
      occurredAt: record.occurredAt.toISOString(),
      eventType: storableText(record.eventType),
      topic: storableText(record.topic),
      actorType: storableText(record.actor.type),
      actorId: storableText(record.actor.id),
      targetType: primary?.type ?? null,
      targetId: primary?.id ?? null,
      targetName: primary?.userName ?? primary?.displayName ?? null,
      targetIdsJson: JSON.stringify([...new Set(targets.flatMap((target) => (target.id === null ? [] : [target.id])))]),
      targetsJson: canonicalJson(targets),
      outcome: record.outcome,
      reason: text(record.reason),
      correlationId: storableText(record.correlationId),
      causationId: text(record.causationId),
      detailsJson: canonicalJson(storable(record.details) ?? null),
    };
    const canonical = canonicalRecord({ ...row, tenantId, recordedAt: recordedAtIso });
    const hash = chainHash(prevHash, canonical);
    const chained: ChainedRow = { ...row, prevHash, hash };
    prevHash = hash;
    return chained;
  });
}
