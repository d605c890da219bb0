import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';

const DAY_MS = 24 * 3600 * 1000;

function monthKey(tenantId: string, at: Date): string {
  return `${tenantId}|${at.toISOString().slice(0, 7)}`;
}

/**
 * Creates a tenant's monthly partitions on demand (through `audit.ensure_partition`, the one DDL
 * the writer role may run) and remembers which exist, so the insert path rarely pays for it.
 */
@Injectable()
export class AuditPartitions {
  private readonly known = new Set<string>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  isKnown(tenantId: string, at: Date): boolean {
    return this.known.has(monthKey(tenantId, at));
  }

  /** The month of `at` and its neighbours within a day, so clock skew or midnight never finds a month missing. */
  async ensureAround(tenantId: string, at: Date): Promise<void> {
    for (const moment of [new Date(at.getTime() - DAY_MS), at, new Date(at.getTime() + DAY_MS)]) {
      if (!this.isKnown(tenantId, moment)) {
        await this.ensure(tenantId, moment);
      }
    }
  }

  async ensure(tenantId: string, at: Date, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.query(`SELECT audit.ensure_partition($1, $2)`, [tenantId, at.toISOString()]);
    this.known.add(monthKey(tenantId, at));
  }

  /** Every tenant that has a chain (its first record created its partition). */
  async tenants(): Promise<string[]> {
    const rows: { tenant_id: string }[] = await this.dataSource.query(`SELECT tenant_id FROM audit.tenant_chain ORDER BY tenant_id`);
    return rows.map((row) => row.tenant_id);
  }

  /** Forget a month after retention dropped it. */
  forget(tenantId: string, at: Date): void {
    this.known.delete(monthKey(tenantId, at));
  }
}
