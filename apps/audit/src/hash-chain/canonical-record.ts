import { createHash } from 'node:crypto';

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

/**
 * One fixed-order JSON array. The JSON columns are `json` (not `jsonb`) in PostgreSQL, which keeps
 * their text byte for byte, so the verifier hashes exactly what the writer hashed without re-parsing.
 */
export function canonicalRecord(fields: ChainedFields): string {
  const scalars = JSON.stringify([
    1,
    fields.id,
    fields.tenantId,
    fields.seq,
    fields.recordedAt,
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
  return `${scalars.slice(0, -1)},${fields.targetsJson},${fields.detailsJson}]`;
}

/** hash(n) = SHA-256(hash(n-1) ‖ canonical(n)), hex. */
export function chainHash(previousHash: string, canonical: string): string {
  return createHash('sha256').update(previousHash).update(canonical).digest('hex');
}

/** JSON with object keys sorted at every depth, so equal values always give equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(sortKeys);
  }
  if (typeof value === 'object' && value !== null && !(value instanceof Date)) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, entry]) => entry !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries.map(([key, entry]) => [key, sortKeys(entry)]));
  }
  return value;
}
