import { Inject, Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { GENESIS_HASH } from '../hash-chain/canonical-record';
import type { NewAuditRecord } from './audit-record';
import { insertChainedRows, lockTenantChains, readChainStates, type TenantIds } from './audit-chain.repository';
import { chainRows, prepareRow, type ChainedRow, type PreparedRow } from './audit-row.mapper';
import { AuditPartitions } from './audit-partitions.service';

export const AUDIT_CLOCK = Symbol('AUDIT_CLOCK');
/** Where `recorded_at` comes from: the database clock unless a test or the benchmark backdates records. */
export type AuditClock = () => Date;

/** Appends waiting while a transaction runs are written together, up to about this many records. */
export const MAX_RECORDS_PER_TRANSACTION = 5_000;

export interface AppendResult {
  stored: number;
  duplicates: number;
}

interface PendingAppend {
  rows: PreparedRow[];
  records: number;
  resolve(result: AppendResult): void;
  reject(error: unknown): void;
}

interface TenantRows extends TenantIds {
  rows: PreparedRow[];
  /** Which pending append each row came from. */
  origins: number[];
}

/**
 * Appends records to their tenants' hash chains. Appends for one tenant are serialised by a
 * transaction-scoped advisory lock (taken in tenant order, so two replicas cannot deadlock),
 * which also makes `(recorded_at, seq)` follow commit order: a reader paging by it never misses a
 * record that committed late. Redelivered messages (same id) are skipped.
 *
 * Every batch of a Kafka fetch names most tenants, so concurrent appends would only queue on those
 * locks. Instead, appends that arrive while a transaction runs wait and are then written together
 * in one transaction (group commit), in arrival order; each resolves only once that transaction
 * committed. What does not depend on a record's place in the chain (storable text, JSON, most of
 * the canonical record) is prepared before queueing, so the lock is held only for the chain itself.
 */
@Injectable()
export class AuditWriterService {
  private readonly pending: PendingAppend[] = [];
  private writing = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly partitions: AuditPartitions,
    @Optional() @Inject(AUDIT_CLOCK) private readonly clock?: AuditClock,
  ) {}

  async append(records: NewAuditRecord[]): Promise<AppendResult> {
    const rows = records.map(prepareRow);
    const at = this.clock?.() ?? new Date();
    for (const tenant of [...new Set(rows.map((row) => row.tenantId))].sort()) {
      await this.partitions.ensureAround(tenant, at);
    }
    return new Promise<AppendResult>((resolve, reject) => {
      this.pending.push({ rows, records: records.length, resolve, reject });
      if (!this.writing) {
        // writeQueued settles every append it takes and never rejects itself.
        void this.writeQueued();
      }
    });
  }

  private async writeQueued(): Promise<void> {
    this.writing = true;
    try {
      while (this.pending.length > 0) {
        let size = 0;
        let count = 0;
        while (count < this.pending.length && (count === 0 || size + this.pending[count].rows.length <= MAX_RECORDS_PER_TRANSACTION)) {
          size += this.pending[count].rows.length;
          count += 1;
        }
        await this.writeGroup(this.pending.splice(0, count));
      }
    } finally {
      this.writing = false;
    }
  }

  private async writeGroup(group: PendingAppend[]): Promise<void> {
    try {
      const stored = await this.transaction(group);
      group.forEach((append, index) => append.resolve({ stored: stored[index], duplicates: append.records - stored[index] }));
    } catch (error) {
      if (group.length === 1) {
        group[0].reject(error);
        return;
      }
      // One append's failure must not fail the others: each is written on its own and gets its own outcome.
      for (const append of group) {
        await this.writeGroup([append]);
      }
    }
  }

  /** One transaction for the group; how many records of each append were stored. */
  private async transaction(group: readonly PendingAppend[]): Promise<number[]> {
    const byTenant = groupByTenant(group);
    const tenants = [...byTenant.keys()].sort();
    const stored = group.map(() => 0);
    // Four statements whatever the number of tenants and appends: lock, read the heads and duplicates, insert, commit.
    await this.dataSource.transaction(async (manager) => {
      await lockTenantChains(manager, tenants);
      const { states, now } = await readChainStates(manager, byTenant);
      const rows: ChainedRow[] = [];
      for (const tenant of tenants) {
        const state = states.get(tenant) ?? { seq: 0n, hash: GENESIS_HASH, recordedAt: undefined, existing: new Set<string>() };
        const batch = byTenant.get(tenant) ?? { rows: [], origins: [], ids: [], oldestOccurredMs: Number.NaN };
        const fresh: PreparedRow[] = [];
        batch.rows.forEach((row, index) => {
          if (!state.existing.has(row.id)) {
            fresh.push(row);
            stored[batch.origins[index]] += 1;
          }
        });
        if (fresh.length === 0) {
          continue;
        }
        const clockNow = this.clock?.() ?? now;
        const recordedAt = state.recordedAt !== undefined && state.recordedAt > clockNow ? state.recordedAt : clockNow;
        if (!this.partitions.isKnown(tenant, recordedAt)) {
          await this.partitions.ensure(tenant, recordedAt, manager);
        }
        rows.push(...chainRows(fresh, state.seq, state.hash, recordedAt.toISOString()));
      }
      if (rows.length > 0) {
        await insertChainedRows(manager, rows);
      }
    });
    return stored;
  }
}

/** The group's records by tenant, in arrival order, each message id once. */
function groupByTenant(group: readonly PendingAppend[]): Map<string, TenantRows> {
  const byTenant = new Map<string, TenantRows>();
  const seen = new Set<string>();
  group.forEach((append, origin) => {
    for (const row of append.rows) {
      if (seen.has(row.id)) {
        continue;
      }
      seen.add(row.id);
      const batch = byTenant.get(row.tenantId) ?? { rows: [], origins: [], ids: [], oldestOccurredMs: Number.POSITIVE_INFINITY };
      if (batch.rows.length === 0) {
        byTenant.set(row.tenantId, batch);
      }
      batch.rows.push(row);
      batch.origins.push(origin);
      batch.ids.push(row.id);
      batch.oldestOccurredMs = Math.min(batch.oldestOccurredMs, row.occurredMs);
    }
  });
  return byTenant;
}
