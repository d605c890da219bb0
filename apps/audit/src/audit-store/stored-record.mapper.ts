import type { AuditOutcome, StoredAuditRecord } from './audit-record';

const ISO = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;

/** The select list for reading records back from `audit.audit_event e` (output names differ from columns on purpose). */
export const STORED_RECORD_COLUMNS = `e.id::text AS r_id, e.tenant_id AS r_tenant, e.seq::text AS r_seq,
  to_char(e.recorded_at AT TIME ZONE 'UTC', ${ISO}) AS r_recorded, to_char(e.occurred_at AT TIME ZONE 'UTC', ${ISO}) AS r_occurred,
  e.event_type AS r_type, e.topic AS r_topic, e.actor_type AS r_actor_type, e.actor_id AS r_actor_id, e.targets::text AS r_targets,
  e.outcome AS r_outcome, e.reason AS r_reason, e.correlation_id AS r_correlation, e.causation_id AS r_causation,
  e.details::text AS r_details, e.hash AS r_hash`;

export interface StoredRecordRow {
  r_id: string;
  r_tenant: string;
  r_seq: string;
  r_recorded: string;
  r_occurred: string;
  r_type: string;
  r_topic: string;
  r_actor_type: string;
  r_actor_id: string;
  r_targets: string;
  r_outcome: AuditOutcome;
  r_reason: string | null;
  r_correlation: string;
  r_causation: string | null;
  r_details: string;
  r_hash: string;
}

export function toStoredRecord(row: StoredRecordRow): StoredAuditRecord {
  return {
    id: row.r_id,
    tenantId: row.r_tenant,
    seq: row.r_seq,
    recordedAt: row.r_recorded,
    occurredAt: row.r_occurred,
    eventType: row.r_type,
    topic: row.r_topic,
    actor: { type: row.r_actor_type, id: row.r_actor_id },
    targets: JSON.parse(row.r_targets) as StoredAuditRecord['targets'],
    outcome: row.r_outcome,
    reason: row.r_reason,
    correlationId: row.r_correlation,
    causationId: row.r_causation,
    details: JSON.parse(row.r_details) as unknown,
    hash: row.r_hash,
  };
}
