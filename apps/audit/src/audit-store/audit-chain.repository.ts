import type { EntityManager } from 'typeorm';
import { GENESIS_HASH } from '../hash-chain/canonical-record';
import type { ChainedRow } from './audit-row.mapper';

const DEDUP_SKEW_MS = 24 * 3600 * 1000;

/** What the writer needs to know of one tenant's batch to read its chain state. */
export interface TenantIds {
  ids: string[];
  oldestOccurredMs: number;
}

export interface ChainState {
  seq: bigint;
  hash: string;
  recordedAt: Date | undefined;
  /** Ids of the batch already stored (redelivered messages). */
  existing: Set<string>;
}

/** Serialises appends per tenant across replicas until the transaction ends; taken in tenant order, so no deadlock. */
export async function lockTenantChains(manager: EntityManager, tenants: readonly string[]): Promise<void> {
  await manager.query(
    `SELECT pg_advisory_xact_lock(hashtextextended('audit-chain:' || s.tenant, 0)) FROM (SELECT tenant FROM unnest($1::text[]) AS tenant ORDER BY tenant) s`,
    [tenants],
  );
}

/**
 * Each tenant's head (or its retention anchor) and which ids are already stored, plus the database
 * clock, in one statement: one branch per tenant with the tenant as a bound value, so the planner
 * prunes to that tenant's partitions. Duplicates are looked for from a day before the oldest
 * message's own time: a redelivered message was recorded after it occurred (a day covers clock skew
 * between hosts). Each id is probed on its own (LATERAL … LIMIT 1): in a month partition without
 * statistics yet the planner would otherwise scan every record of the window and filter by id.
 */
export async function readChainStates(manager: EntityManager, batches: ReadonlyMap<string, TenantIds>): Promise<{ states: Map<string, ChainState>; now: Date }> {
  const params: unknown[] = [];
  const bind = (value: unknown): string => {
    params.push(value);
    return `$${params.length}`;
  };
  const branches = [...batches].flatMap(([tenant, batch]) => {
    const t = bind(tenant);
    const oldest = Number.isFinite(batch.oldestOccurredMs) ? batch.oldestOccurredMs : Date.now();
    const since = bind(new Date(oldest - DEDUP_SKEW_MS).toISOString());
    const ids = bind(batch.ids);
    return [
      `(SELECT 'head' AS kind, ${t}::text AS tenant, e.seq::text AS seq, e.hash, e.recorded_at AS at FROM audit.audit_event e WHERE e.tenant_id = ${t} ORDER BY e.seq DESC LIMIT 1)`,
      `(SELECT 'anchor', ${t}::text, c.seq::text, c.hash, c.created_at FROM audit.checkpoint c WHERE c.tenant_id = ${t} AND c.kind = 'retention' ORDER BY c.seq DESC LIMIT 1)`,
      `(SELECT 'dup', ${t}::text, m.id::text, NULL, NULL FROM unnest(${ids}::uuid[]) AS m(id)
         CROSS JOIN LATERAL (SELECT 1 FROM audit.audit_event d WHERE d.tenant_id = ${t} AND d.id = m.id AND d.recorded_at >= ${since}::timestamptz LIMIT 1) found)`,
    ];
  });
  const rows: { kind: string; tenant: string; seq: string | null; hash: string | null; at: Date | null }[] = await manager.query(
    [...branches, `SELECT 'now', '', NULL, NULL, date_trunc('milliseconds', clock_timestamp())`].join(' UNION ALL '),
    params,
  );
  let now = new Date();
  const heads = new Map<string, (typeof rows)[number]>();
  const anchors = new Map<string, (typeof rows)[number]>();
  const existing = new Map<string, Set<string>>();
  for (const row of rows) {
    if (row.kind === 'now') {
      now = row.at ?? now;
    } else if (row.kind === 'head') {
      heads.set(row.tenant, row);
    } else if (row.kind === 'anchor') {
      anchors.set(row.tenant, row);
    } else {
      existing.set(row.tenant, (existing.get(row.tenant) ?? new Set<string>()).add(row.seq ?? ''));
    }
  }
  const states = new Map<string, ChainState>();
  for (const tenant of batches.keys()) {
    const head = heads.get(tenant) ?? anchors.get(tenant);
    states.set(tenant, {
      seq: head?.seq === undefined || head.seq === null ? 0n : BigInt(head.seq),
      hash: head?.hash ?? GENESIS_HASH,
      recordedAt: head?.at ?? undefined,
      existing: existing.get(tenant) ?? new Set<string>(),
    });
  }
  return { states, now };
}

/** One multi-row INSERT, a column array per field. */
export async function insertChainedRows(manager: EntityManager, rows: readonly ChainedRow[]): Promise<void> {
  const column = <T>(pick: (chained: ChainedRow) => T): T[] => rows.map(pick);
  await manager.query(
    `INSERT INTO audit.audit_event (id, tenant_id, seq, recorded_at, occurred_at, event_type, topic, actor_type, actor_id,
       target_type, target_id, target_name, target_ids, targets, outcome, reason, correlation_id, causation_id, details, prev_hash, hash)
     SELECT u.id, u.tenant_id, u.seq, u.recorded_at, u.occurred_at, u.event_type, u.topic, u.actor_type, u.actor_id,
       u.target_type, u.target_id, u.target_name, u.target_ids::text[], u.targets::json,
       u.outcome, u.reason, u.correlation_id, u.causation_id, u.details::json, u.prev_hash, u.hash
     FROM unnest($1::text[], $2::timestamptz[], $3::uuid[], $4::bigint[], $5::timestamptz[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[],
       $12::text[], $13::text[], $14::text[], $15::text[], $16::text[], $17::text[], $18::text[], $19::text[], $20::text[], $21::text[])
       AS u(tenant_id, recorded_at, id, seq, occurred_at, event_type, topic, actor_type, actor_id, target_type, target_id, target_name, target_ids, targets,
            outcome, reason, correlation_id, causation_id, details, prev_hash, hash)`,
    [
      column(({ row }) => row.tenantId),
      column((chained) => chained.recordedAt),
      column(({ row }) => row.id),
      column((chained) => chained.seq),
      column(({ row }) => row.occurredAt),
      column(({ row }) => row.eventType),
      column(({ row }) => row.topic),
      column(({ row }) => row.actorType),
      column(({ row }) => row.actorId),
      column(({ row }) => row.targetType),
      column(({ row }) => row.targetId),
      column(({ row }) => row.targetName),
      column(({ row }) => row.targetIds),
      column(({ row }) => row.targetsJson),
      column(({ row }) => row.outcome),
      column(({ row }) => row.reason),
      column(({ row }) => row.correlationId),
      column(({ row }) => row.causationId),
      column(({ row }) => row.detailsJson),
      column((chained) => chained.prevHash),
      column((chained) => chained.hash),
    ],
  );
}
