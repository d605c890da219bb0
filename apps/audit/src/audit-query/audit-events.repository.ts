import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { StoredAuditRecord } from '../audit-store/audit-record';
import { STORED_RECORD_COLUMNS, toStoredRecord, type StoredRecordRow } from '../audit-store/stored-record.mapper';
import { filterToSql, likePattern } from './audit-filter.sql';
import type { AuditEventQuery } from './audit-query.params';

/** The SQL of one page, built from whitelisted fragments and numbered parameters only. */
export function auditEventsSql(tenantId: string, query: AuditEventQuery, limit: number): { sql: string; params: unknown[] } {
  const params: unknown[] = [tenantId, query.since.toISOString()];
  const where = ['e.tenant_id = $1', 'e.recorded_at >= $2'];
  const bind = (value: unknown): string => {
    params.push(value);
    return `$${params.length}`;
  };
  if (query.until !== undefined) {
    where.push(`e.recorded_at < ${bind(query.until.toISOString())}`);
  }
  const descending = query.sortOrder === 'DESCENDING';
  if (query.after !== undefined) {
    where.push(`(e.recorded_at, e.seq) ${descending ? '<' : '>'} (${bind(query.after.recordedAt)}::timestamptz, ${bind(query.after.seq)}::bigint)`);
  }
  if (query.filter !== undefined) {
    const condition = filterToSql(query.filter, params.length + 1);
    params.push(...condition.params);
    where.push(condition.sql);
  }
  for (const keyword of query.keywords) {
    where.push(`concat_ws(' ', e.event_type, e.outcome, e.actor_id, e.target_name, e.target_id, e.reason, e.correlation_id) ILIKE ${bind(likePattern('co', keyword))}`);
  }
  const direction = descending ? 'DESC' : 'ASC';
  return {
    sql: `SELECT ${STORED_RECORD_COLUMNS} FROM audit.audit_event e WHERE ${where.join(' AND ')}
      ORDER BY e.recorded_at ${direction}, e.seq ${direction} LIMIT ${Math.trunc(limit)}`,
    params,
  };
}

@Injectable()
export class AuditEventsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async page(tenantId: string, query: AuditEventQuery, limit: number): Promise<StoredAuditRecord[]> {
    const { sql, params } = auditEventsSql(tenantId, query, limit);
    const rows: StoredRecordRow[] = await this.dataSource.query(sql, params);
    return rows.map(toStoredRecord);
  }
}
