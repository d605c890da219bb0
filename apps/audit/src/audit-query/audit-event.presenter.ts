import type { StoredAuditRecord } from '../audit-store/audit-record';

/** A record in the shape of Okta's System Log LogEvent, so existing SIEM parsers mostly fit. */
export interface LogEvent {
  uuid: string;
  published: string;
  occurred: string;
  tenantId: string;
  eventType: string;
  outcome: { result: string; reason: string | null };
  actor: { id: string; type: string };
  target: { id: string | null; type: string; alternateId?: string; displayName?: string }[];
  transaction: { id: string; causationId: string | null };
  topic: string;
  debugContext: { debugData: unknown };
  chain: { seq: string; hash: string };
}

export function toLogEvent(record: StoredAuditRecord): LogEvent {
  return {
    uuid: record.id,
    published: record.recordedAt,
    occurred: record.occurredAt,
    tenantId: record.tenantId,
    eventType: record.eventType,
    outcome: { result: record.outcome.toUpperCase(), reason: record.reason },
    actor: record.actor,
    target: record.targets.map((target) => ({
      id: target.id,
      type: target.type,
      ...(target.userName === undefined ? {} : { alternateId: target.userName }),
      ...(target.displayName === undefined ? {} : { displayName: target.displayName }),
    })),
    transaction: { id: record.correlationId, causationId: record.causationId },
    topic: record.topic,
    debugContext: { debugData: record.details },
    chain: { seq: record.seq, hash: record.hash },
  };
}

export const CSV_COLUMNS = ['published', 'occurred', 'uuid', 'eventType', 'outcome', 'reason', 'actorType', 'actorId', 'targetType', 'targetId', 'targetName', 'correlationId', 'causationId', 'seq', 'hash', 'details'];

// Cells that a spreadsheet would run as a formula are prefixed with a quote (CSV injection).
function csvCell(value: string | null): string {
  const text = value === null ? '' : /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsvLine(record: StoredAuditRecord): string {
  const primary = record.targets[0];
  return [
    record.recordedAt,
    record.occurredAt,
    record.id,
    record.eventType,
    record.outcome,
    record.reason,
    record.actor.type,
    record.actor.id,
    primary?.type ?? null,
    primary?.id ?? null,
    primary?.userName ?? primary?.displayName ?? null,
    record.correlationId,
    record.causationId,
    record.seq,
    record.hash,
    JSON.stringify(record.details),
  ]
    .map(csvCell)
    .join(',');
}
