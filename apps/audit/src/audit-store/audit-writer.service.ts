import { Inject, Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { GENESIS_HASH } from '../hash-chain/canonical-record';
import type { NewAuditRecord } from './audit-record';
import { chainRows, type ChainedRow } from './audit-row.mapper';
import { AuditPartitions } from './audit-partitions.service';

export const AUDIT_CLOCK = Symbol('AUDIT_CLOCK');
const DEDUP_SKEW_MS = 24 * 3600 * 1000;
/** Where `recorded_at` comes from: the database clock unless a test or the benchmark backdates records. */
export type AuditClock = () => Date;

export interface AppendResult {
  stored: number;
  duplicates: number;
}

interface ChainState {
  seq: bigint;
  hash: string;
  recordedAt: Date | undefined;
  now: Date;
  existing: Set<string>;
}

/**
 * Appends records to their tenants' hash chains in one transaction. Appends for one tenant are
 * serialised by a transaction-scoped advisory lock (taken in tenant order, so two replicas cannot
 * deadlock), which also makes `(recorded_at, seq)` follow commit order: a reader paging by it
 * never misses a record that committed late. Redelivered messages (same id) are skipped.
 */
@Injectable()
export class AuditWriterService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly partitions: AuditPartitions,
    @Optional() @Inject(AUDIT_CLOCK) private readonly clock?: AuditClock,
  ) {}

  async append(records: NewAuditRecord[]): Promise<AppendResult> {
    const byTenant = new Map<string, NewAuditRecord[]>();
    const seen = new Set<string>();
    for (const record of records) {
      if (!seen.has(record.id)) {
        seen.add(record.id);
        byTenant.set(record.tenantId, [...(byTenant.get(record.tenantId) ?? []), record]);
      }
    }
    const tenants = [...byTenant.keys()].sort();
    const at = this.clock?.() ?? new Date();
    for (const tenant of tenants) {
      await this.partitions.ensureAround(tenant, at);
    }
    let stored = 0;
    // Three statements per batch whatever the number of tenants: lock, read the heads and duplicates, insert.
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `SELECT pg_advisory_xact_lock(hashtextextended('audit-chain:' || s.tenant, 0)) FROM (SELECT tenant FROM unnest($1::text[]) AS tenant ORDER BY tenant) s`,
        [tenants],
      );
      const states = await this.chainStates(manager, tenants, byTenant);
      const rows: (ChainedRow & { tenantId: string; recordedAt: string })[] = [];
      for (const tenant of tenants) {
        const state = states.get(tenant) ?? { seq: 0n, hash: GENESIS_HASH, recordedAt: undefined, now: new Date(), existing: new Set<string>() };
        const fresh = (byTenant.get(tenant) ?? []).filter((record) => !state.existing.has(record.id));
        if (fresh.length === 0) {
          continue;
        }
        const clockNow = this.clock?.() ?? state.now;
        const recordedAt = state.recordedAt !== undefined && state.recordedAt > clockNow ? state.recordedAt : clockNow;
        if (!this.partitions.isKnown(tenant, recordedAt)) {
          await this.partitions.ensure(tenant, recordedAt, manager);
        }
        const recordedAtIso = recordedAt.toISOString();
        rows.push(...chainRows(tenant, fresh, state.seq, state.hash, recordedAt).map((row) => ({ ...row, tenantId: tenant, recordedAt: recordedAtIso })));
      }
      if (rows.length > 0) {
        await insertRows(manager, rows);
      }
      stored = rows.length;
    });
    return { stored, duplicates: records.length - stored };
  }

  /**
   * One statement, one branch per tenant with the tenant as a bound value, so the planner prunes to
   * that tenant's partitions. Duplicates are looked for from a day before the oldest message's own
   * time: a redelivered message was recorded after it occurred (a day covers clock skew between hosts).
   */
  private async chainStates(manager: EntityManager, tenants: string[], byTenant: Map<string, NewAuditRecord[]>): Promise<Map<string, ChainState>> {
    const params: unknown[] = [];
    const bind = (value: unknown): string => {
      params.push(value);
      return `$${params.length}`;
    };
    const branches = tenants.flatMap((tenant) => {
      const records = byTenant.get(tenant) ?? [];
      const t = bind(tenant);
      const oldest = Math.min(...records.map((record) => record.occurredAt.getTime()));
      const since = bind(new Date((Number.isFinite(oldest) ? oldest : Date.now()) - DEDUP_SKEW_MS).toISOString());
      const ids = bind(records.map((record) => record.id));
      return [
        `(SELECT 'head' AS kind, ${t}::text AS tenant, e.seq::text AS seq, e.hash, e.recorded_at AS at FROM audit.audit_event e WHERE e.tenant_id = ${t} ORDER BY e.seq DESC LIMIT 1)`,
        `(SELECT 'anchor', ${t}::text, c.seq::text, c.hash, c.created_at FROM audit.checkpoint c WHERE c.tenant_id = ${t} AND c.kind = 'retention' ORDER BY c.seq DESC LIMIT 1)`,
        `(SELECT 'dup', ${t}::text, d.id::text, NULL, NULL FROM audit.audit_event d WHERE d.tenant_id = ${t} AND d.recorded_at >= ${since}::timestamptz AND d.id = ANY(${ids}::uuid[]))`,
      ];
    });
    const rows: { kind: string; tenant: string; seq: string | null; hash: string | null; at: Date | null }[] = await manager.query(
      [...branches, `SELECT 'now', '', NULL, NULL, date_trunc('milliseconds', clock_timestamp())`].join(' UNION ALL '),
      params,
    );
    const now = rows.find((row) => row.kind === 'now')?.at ?? new Date();
    const states = new Map<string, ChainState>();
    for (const tenant of tenants) {
      const mine = rows.filter((row) => row.tenant === tenant);
      const head = mine.find((row) => row.kind === 'head') ?? mine.find((row) => row.kind === 'anchor');
      states.set(tenant, {
        seq: head?.seq === undefined || head.seq === null ? 0n : BigInt(head.seq),
        hash: head?.hash ?? GENESIS_HASH,
        recordedAt: head?.at ?? undefined,
        now,
        existing: new Set(mine.filter((row) => row.kind === 'dup').map((row) => row.seq ?? '')),
      });
    }
    return states;
  }
}

type InsertRow = ChainedRow & { tenantId: string; recordedAt: string };

async function insertRows(manager: EntityManager, rows: InsertRow[]): Promise<void> {
  const column = <K extends keyof InsertRow>(key: K): InsertRow[K][] => rows.map((row) => row[key]);
  await manager.query(
    `INSERT INTO audit.audit_event (id, tenant_id, seq, recorded_at, occurred_at, event_type, topic, actor_type, actor_id,
       target_type, target_id, target_name, target_ids, targets, outcome, reason, correlation_id, causation_id, details, prev_hash, hash)
     SELECT u.id, u.tenant_id, u.seq, u.recorded_at, u.occurred_at, u.event_type, u.topic, u.actor_type, u.actor_id,
       u.target_type, u.target_id, u.target_name, ARRAY(SELECT json_array_elements_text(u.target_ids::json)), u.targets::json,
       u.outcome, u.reason, u.correlation_id, u.causation_id, u.details::json, u.prev_hash, u.hash
     FROM unnest($1::text[], $2::timestamptz[], $3::uuid[], $4::bigint[], $5::timestamptz[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[],
       $12::text[], $13::text[], $14::text[], $15::text[], $16::text[], $17::text[], $18::text[], $19::text[], $20::text[], $21::text[])
       AS u(tenant_id, recorded_at, id, seq, occurred_at, event_type, topic, actor_type, actor_id, target_type, target_id, target_name, target_ids, targets,
            outcome, reason, correlation_id, causation_id, details, prev_hash, hash)`,
    [
      column('tenantId'),
      column('recordedAt'),
      column('id'),
      column('seq'),
      column('occurredAt'),
      column('eventType'),
      column('topic'),
      column('actorType'),
      column('actorId'),
      column('targetType'),
      column('targetId'),
      column('targetName'),
      column('targetIdsJson'),
      column('targetsJson'),
      column('outcome'),
      column('reason'),
      column('correlationId'),
      column('causationId'),
      column('detailsJson'),
      column('prevHash'),
      column('hash'),
    ],
  );
}
