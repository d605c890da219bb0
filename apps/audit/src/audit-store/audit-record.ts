export const AUDIT_OUTCOMES = ['success', 'failure', 'skipped', 'pending'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

export interface AuditActor {
  /** `okta-token` (the SCIM token id), `service` (the bridge service), `auditor`, `okta`. */
  type: string;
  id: string;
}

export interface AuditTarget {
  type: string;
  id: string | null;
  userName?: string;
  displayName?: string;
}

/** One normalised record before it is chained: what happened, to whom, by whom, with what result. */
export interface NewAuditRecord {
  /** The message id (or a fresh id for records the audit service makes itself). */
  id: string;
  tenantId: string;
  occurredAt: Date;
  eventType: string;
  topic: string;
  actor: AuditActor;
  targets: AuditTarget[];
  outcome: AuditOutcome;
  reason: string | null;
  correlationId: string;
  causationId: string | null;
  /** Already redacted. */
  details: unknown;
}

/** A record as stored, with its place in the tenant's chain (timestamps as ISO strings). */
export type StoredAuditRecord = Omit<NewAuditRecord, 'occurredAt'> & {
  seq: string;
  recordedAt: string;
  occurredAt: string;
  hash: string;
};
