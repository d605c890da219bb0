import { canonicalContent, chainHash, placeInChain, type CanonicalContent } from '../hash-chain/canonical-record';
import type { AuditTarget, NewAuditRecord } from './audit-record';

/** A record's column values, prepared before the writer takes the tenant's lock (all but its chain position). */
export interface PreparedRow {
  id: string;
  tenantId: string;
  occurredAt: string;
  occurredMs: number;
  eventType: string;
  topic: string;
  actorType: string;
  actorId: string;
  targetType: string | null;
  targetId: string | null;
  targetName: string | null;
  /** A PostgreSQL array literal of the distinct target ids. */
  targetIds: string;
  targetsJson: string;
  outcome: string;
  reason: string | null;
  correlationId: string;
  causationId: string | null;
  detailsJson: string;
  content: CanonicalContent;
}

/** A record ready for INSERT, with its chain position and hashes. */
export interface ChainedRow {
  row: PreparedRow;
  seq: string;
  recordedAt: string;
  prevHash: string;
  hash: string;
}

// Surrogates (paired or not) and NUL: only strings holding one need the slower replacement.
const MAYBE_UNSTORABLE = /[\u0000\uD800-\uDFFF]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * PostgreSQL text cannot hold NUL and stores lone surrogates as U+FFFD, either of which would make a
 * stored record differ from what was hashed; such characters are replaced before hashing.
 */
export function storableText(value: string): string {
  return MAYBE_UNSTORABLE.test(value) ? value.replace(LONE_SURROGATE, '\uFFFD').replace(/\u0000/g, '\uFFFD') : value;
}

function storableOrNull(value: string | null): string | null {
  return value === null ? null : storableText(value);
}

/**
 * JSON of the value with its text made storable and object keys sorted at every depth (equal values
 * always give equal text), written in one pass: it runs for every record, so no intermediate copies.
 * Follows JSON.stringify otherwise: undefined, functions and symbols are left out of objects and
 * become null in arrays, a Date becomes its ISO text. Undefined when the value itself has no JSON.
 */
export function storableJson(value: unknown): string | undefined {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(storableText(value));
    case 'object':
      if (value === null || value instanceof Date) {
        return JSON.stringify(value);
      }
      return Array.isArray(value) ? arrayJson(value) : objectJson(value as Record<string, unknown>);
    default:
      return JSON.stringify(value);
  }
}

function arrayJson(values: readonly unknown[]): string {
  let json = '[';
  for (let index = 0; index < values.length; index += 1) {
    json += `${index === 0 ? '' : ','}${storableJson(values[index]) ?? 'null'}`;
  }
  return `${json}]`;
}

function objectJson(object: Record<string, unknown>): string {
  const keys = Object.keys(object);
  if (keys.some((key) => MAYBE_UNSTORABLE.test(key))) {
    return replacedKeysJson(object, keys);
  }
  keys.sort();
  let json = '{';
  for (const key of keys) {
    const entry = storableJson(object[key]);
    if (entry !== undefined) {
      json += `${json.length === 1 ? '' : ','}${JSON.stringify(key)}:${entry}`;
    }
  }
  return `${json}}`;
}

// Two keys can become one once made storable; the later one wins, as it would in an object literal.
function replacedKeysJson(object: Record<string, unknown>, keys: string[]): string {
  const entries = new Map<string, unknown>();
  for (const key of keys) {
    entries.set(storableText(key), object[key]);
  }
  return objectJson(Object.fromEntries(entries));
}

/** `{"a","b"}`: a text[] literal, every element quoted so no value is read as NULL or split. */
export function textArrayLiteral(values: readonly string[]): string {
  return `{${values.map((value) => `"${value.replace(/[\\"]/g, '\\$&')}"`).join(',')}}`;
}

function storableTarget(target: AuditTarget): AuditTarget {
  const stored: AuditTarget = { type: storableText(target.type), id: storableOrNull(target.id) };
  if (target.userName !== undefined) {
    stored.userName = storableText(target.userName);
  }
  if (target.displayName !== undefined) {
    stored.displayName = storableText(target.displayName);
  }
  return stored;
}

/** Everything about a record that does not depend on its place in the chain. */
export function prepareRow(record: NewAuditRecord): PreparedRow {
  const targets = record.targets.map(storableTarget);
  const primary = targets[0];
  const targetIds = [...new Set(targets.flatMap((target) => (target.id === null ? [] : [target.id])))];
  const prepared = {
    id: record.id,
    tenantId: record.tenantId,
    occurredAt: record.occurredAt.toISOString(),
    occurredMs: record.occurredAt.getTime(),
    eventType: storableText(record.eventType),
    topic: storableText(record.topic),
    actorType: storableText(record.actor.type),
    actorId: storableText(record.actor.id),
    targetType: primary?.type ?? null,
    targetId: primary?.id ?? null,
    targetName: primary?.userName ?? primary?.displayName ?? null,
    targetIds: textArrayLiteral(targetIds),
    targetsJson: storableJson(targets) ?? '[]',
    outcome: record.outcome,
    reason: storableOrNull(record.reason),
    correlationId: storableText(record.correlationId),
    causationId: storableOrNull(record.causationId),
    detailsJson: storableJson(record.details) ?? 'null',
  };
  return { ...prepared, content: canonicalContent(prepared) };
}

/** Chains `rows` (in order) after the tenant's head at `previousSeq`/`previousHash`, all recorded at `recordedAt` (ISO). */
export function chainRows(rows: readonly PreparedRow[], previousSeq: bigint, previousHash: string, recordedAt: string): ChainedRow[] {
  let seq = previousSeq;
  let prevHash = previousHash;
  return rows.map((row) => {
    seq += 1n;
    const position = seq.toString();
    const hash = chainHash(prevHash, placeInChain(row.content, position, recordedAt));
    const chained: ChainedRow = { row, seq: position, recordedAt, prevHash, hash };
    prevHash = hash;
    return chained;
  });
}
