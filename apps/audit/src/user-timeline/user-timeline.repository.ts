import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { StoredAuditRecord } from '../audit-store/audit-record';
import { STORED_RECORD_COLUMNS, toStoredRecord, type StoredRecordRow } from '../audit-store/stored-record.mapper';

export const TIMELINE_MAX_RECORDS = 5000;

/** Every record about one user (named by SCIM id or userName), in chain order. */
@Injectable()
export class UserTimelineRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async records(tenantId: string, user: string, since: Date, until: Date): Promise<StoredAuditRecord[]> {
    const { sql, params } = userTimelineSql(tenantId, user, since, until);
    const rows: StoredRecordRow[] = await this.dataSource.query(sql, params);
    return rows.map(toStoredRecord);
  }
}

/** A userName resolves to every SCIM id it was seen with, at any time, so requests that name only the id are included. */
export function userTimelineSql(tenantId: string, user: string, since: Date, until: Date): { sql: string; params: unknown[] } {
  return {
    sql: `WITH ids AS (
         SELECT $2::text AS id
         UNION
         SELECT DISTINCT n.target_id FROM audit.audit_event n
         WHERE n.tenant_id = $1 AND lower(n.target_name) = lower($2) AND n.target_type = 'user' AND n.target_id IS NOT NULL
       )
       SELECT ${STORED_RECORD_COLUMNS} FROM audit.audit_event e
       WHERE e.tenant_id = $1 AND e.recorded_at >= $3 AND e.recorded_at < $4 AND e.topic <> 'audit.api'
         AND (e.target_ids && ARRAY(SELECT id FROM ids) OR lower(e.target_name) = lower($2))
       ORDER BY e.recorded_at, e.seq LIMIT ${TIMELINE_MAX_RECORDS + 1}`,
    params: [tenantId, user, since.toISOString(), until.toISOString()],
  };
}
