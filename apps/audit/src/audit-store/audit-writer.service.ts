import { Inject, Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { GENESIS_HASH } from '../hash-chain/canonical-record';
import type { NewAuditRecord } from './audit-record';
import { chainRows, type ChainedRow } from './audit-row.mapper';
import { AuditPartitions } from './audit-partitions.service';

export const AUDIT_CLOCK = Symbol('AUDIT_CLOCK');
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
    await this.dataSource.transaction(async (manager) => {
      for (const tenant of tenants) {
        stored += await this.appendForTenant(manager, tenant, byTenant.get(tenant) ?? []);
      }
    });
    return { stored, duplicates: records.length - stored };
  }

  private async appendForTenant(manager: EntityManager, tenantId: string, records: NewAuditRecord[]): Promise<number> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('audit-chain:' || $1, 0))`, [tenantId]);
    const state = await this.chainState(manager, tenantId, records.map((record) => record.id));
    const fresh = records.filter((record) => !state.existing.has(record.id));
    if (fresh.length === 0) {
      return 0;
    }
    const clockNow = this.clock?.() ?? state.now;
    const recordedAt = state.recordedAt !== undefined && state.recordedAt > clockNow ? state.recordedAt : clockNow;
    if (!this.partitions.isKnown(tenantId, recordedAt)) {
      await this.partitions.ensure(tenantId, recordedAt, manager);
    }
    const rows = chainRows(tenantId, fresh, state.seq, state.hash, recordedAt);
    await insertRows(manager, tenantId, recordedAt, rows);
    return rows.length;
  }

  private async chainState(manager: EntityManager, tenantId: string, ids: string[]): Promise<ChainState> {
    const rows: { kind: string; seq: string | null; hash: string | null; at: Date | null }[] = await manager.query(
      `(SELECT 'head' AS kind, seq::text AS seq, hash, recorded_at AS at FROM audit.audit_event WHERE tenant_id = $1 ORDER BY audit_event.seq DESC LIMIT 1)
       UNION ALL
       (SELECT 'anchor', seq::text, hash, created_at FROM audit.checkpoint WHERE tenant_id = $1 AND kind = 'retention' ORDER BY checkpoint.seq DESC LIMIT 1)
       UNION ALL
       SELECT 'now', NULL, NULL, date_trunc('milliseconds', clock_timestamp())
       UNION ALL
       SELECT 'dup', id::text, NULL, NULL FROM audit.audit_event WHERE tenant_id = $1 AND id = ANY($2::uuid[])`,
      [tenantId, ids],
    );
    const head = rows.find((row) => row.kind === 'head') ?? rows.find((row) => row.kind === 'anchor');
    return {
      seq: head?.seq === undefined || head.seq === null ? 0n : BigInt(head.seq),
      hash: head?.hash ?? GENESIS_HASH,
      recordedAt: head?.at ?? undefined,
      now: rows.find((row) => row.kind === 'now')?.at ?? new Date(),
      existing: new Set(rows.filter((row) => row.kind === 'dup').map((row) => row.seq ?? '')),
    };
  }
}

async function insertRows(manager: EntityManager, tenantId: string, recordedAt: Date, rows: ChainedRow[]): Promise<void> {
  const column = <K extends keyof ChainedRow>(key: K): ChainedRow[K][] => rows.map((row) => row[key]);
  await manager.query(
    `INSERT INTO audit.audit_event (id, tenant_id, seq, recorded_at, occurred_at, event_type, topic, actor_type, actor_id,
       target_type, target_id, target_name, target_ids, targets, outcome, reason, correlation_id, causation_id, details, prev_hash, hash)
     SELECT u.id, $1, u.seq, $2, u.occurred_at, u.event_type, u.topic, u.actor_type, u.actor_id,
       u.target_type, u.target_id, u.target_name, ARRAY(SELECT json_array_elements_text(u.target_ids::json)), u.targets::json,
       u.outcome, u.reason, u.correlation_id, u.causation_id, u.details::json, u.prev_hash, u.hash
     FROM unnest($3::uuid[], $4::bigint[], $5::timestamptz[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[],
       $12::text[], $13::text[], $14::text[], $15::text[], $16::text[], $17::text[], $18::text[], $19::text[], $20::text[], $21::text[])
       AS u(id, seq, occurred_at, event_type, topic, actor_type, actor_id, target_type, target_id, target_name, target_ids, targets,
            outcome, reason, correlation_id, causation_id, details, prev_hash, hash)`,
    [
      tenantId,
      recordedAt.toISOString(),
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
