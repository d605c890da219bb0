import { randomUUID } from 'node:crypto';
import type { NewAuditRecord } from '../audit-store/audit-record';

/** A plausible audit record; override what a test is about. */
export function auditRecord(overrides: Partial<NewAuditRecord> = {}): NewAuditRecord {
  const userId = overrides.targets?.[0]?.id ?? randomUUID();
  return {
    id: randomUUID(),
    tenantId: 'acme',
    occurredAt: new Date(),
    eventType: 'user.create.requested',
    topic: 'scim.user.changed.v1',
    actor: { type: 'okta', id: 'okta-ingest' },
    targets: [{ type: 'user', id: userId, userName: `${userId}@example.com` }],
    outcome: 'success',
    reason: null,
    correlationId: randomUUID(),
    causationId: null,
    details: { change: 'created', note: 'factory' },
    ...overrides,
  };
}
