import { hash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

/** The fields a record's hash covers, as stored (timestamps as ISO strings, JSON columns as their exact text). */
export interface ChainedFields {
  id: string;
  tenantId: string;
  seq: string;
  recordedAt: string;
  occurredAt: string;
  eventType: string;
  topic: string;
  actorType: string;
  actorId: string;
  outcome: string;
  reason: string | null;
  correlationId: string;
  causationId: string | null;
  targetsJson: string;
  detailsJson: string;
}

/** The canonical record around its chain position: known before the writer holds the tenant's lock. */
export interface CanonicalContent {
  head: string;
  tail: string;
}

/**
 * One fixed-order JSON array. The JSON columns are `json` (not `jsonb`) in PostgreSQL, which keeps
 * their text byte for byte, so the verifier hashes exactly what the writer hashed without re-parsing.
 */
export function canonicalRecord(fields: ChainedFields): string {
  return placeInChain(canonicalContent(fields), fields.seq, fields.recordedAt);
}

/**
 * `[1,id,tenant,` and `occurredAt,…,causationId,targets,details]`: everything but the two values
 * (seq, recordedAt) that exist only once the record has its place in the chain.
 */
export function canonicalContent(fields: Omit<ChainedFields, 'seq' | 'recordedAt'>): CanonicalContent {
  const scalars = JSON.stringify([
    fields.occurredAt,
    fields.eventType,
    fields.topic,
    fields.actorType,
    fields.actorId,
    fields.outcome,
    fields.reason,
    fields.correlationId,
    fields.causationId,
  ]);
  return {
    head: `[1,${JSON.stringify(fields.id)},${JSON.stringify(fields.tenantId)},`,
    tail: `${scalars.slice(1, -1)},${fields.targetsJson},${fields.detailsJson}]`,
  };
}

export function placeInChain(content: CanonicalContent, seq: string, recordedAt: string): string {
  return `${content.head}${JSON.stringify(seq)},${JSON.stringify(recordedAt)},${content.tail}`;
}

/** hash(n) = SHA-256(hash(n-1) ‖ canonical(n)), hex; one call per record (it runs for every record written and verified). */
export function chainHash(previousHash: string, canonical: string): string {
  return hash('sha256', previousHash + canonical, 'hex');
}
