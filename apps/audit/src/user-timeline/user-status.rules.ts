import type { StoredAuditRecord } from '../audit-store/audit-record';

export type UserState =
  | 'never-reached-bridge'
  | 'pending'
  | 'in-zoom'
  | 'removed-from-zoom'
  | 'provisioning-switched-off'
  | 'mapping-rejected'
  | 'zoom-refused'
  | 'waiting-for-rate-limit'
  | 'dead-lettered'
  | 'tenant-quarantined';

/** "Is this user in Zoom, and if not, why": the answer and the record that proves it. */
export interface UserStatus {
  state: UserState;
  explanation: string;
  since: string | null;
  evidence: string | null;
  rule?: string;
  attribute?: string | null;
  reasonCode?: string;
  retryAt?: string | null;
  /** For a removal: from Okta's request to Zoom's confirmation. */
  removalLatencyMs?: number;
}

const RATE_LIMIT_CODES = new Set(['rate-limited', 'daily-limit']);
const QUARANTINE_CODES = new Set(['credentials-rejected', 'tenant-quarantined', 'quarantined']);

interface Details {
  rule?: string;
  attribute?: string | null;
  operation?: string;
  desired?: { state?: string; active?: boolean };
  calls?: { rateLimit?: { retryAfter?: string } }[];
}

function reasonCode(record: StoredAuditRecord): string {
  return (record.reason ?? '').split(':')[0].trim();
}

function status(state: UserState, record: StoredAuditRecord | undefined, explanation: string, extra: Partial<UserStatus> = {}): UserStatus {
  return { state, explanation, since: record?.recordedAt ?? null, evidence: record?.id ?? null, ...extra };
}

/** When Zoom said to come back: Retry-After in seconds or as a date; a daily limit lasts until 00:00 UTC. */
export function retryTime(record: StoredAuditRecord): string | null {
  const details = record.details as Details;
  const retryAfter = [...(details.calls ?? [])].reverse().find((call) => call.rateLimit?.retryAfter !== undefined)?.rateLimit?.retryAfter;
  const at = new Date(record.occurredAt).getTime();
  if (retryAfter !== undefined && /^\d+$/.test(retryAfter)) {
    return new Date(at + Number(retryAfter) * 1000).toISOString();
  }
  if (retryAfter !== undefined && !Number.isNaN(Date.parse(retryAfter))) {
    return new Date(retryAfter).toISOString();
  }
  if (reasonCode(record) === 'daily-limit') {
    const midnight = new Date(at);
    midnight.setUTCHours(24, 0, 0, 0);
    return midnight.toISOString();
  }
  return null;
}

/** Folds a user's records, oldest first, into where the user stands now. */
export function userStatus(records: StoredAuditRecord[]): UserStatus {
  let current: UserStatus | undefined;
  let desiredActive = true;
  let removalRequestedAt: number | undefined;
  for (const record of records) {
    const type = record.eventType;
    const details = (record.details ?? {}) as Details;
    if (type.startsWith('audit.') || record.outcome === 'skipped' && type.startsWith('zoom.')) {
      continue;
    }
    if (type === 'scim.request') {
      if (current === undefined && record.outcome === 'failure') {
        current = status('never-reached-bridge', record, `Okta's request was refused before it reached provisioning: ${record.reason ?? 'no detail'}`);
      }
    } else if (/^user\.[a-z]+\.requested$/.test(type)) {
      const removal = type === 'user.deactivate.requested' || type === 'user.delete.requested';
      removalRequestedAt = removal ? new Date(record.occurredAt).getTime() : undefined;
      current = status('pending', record, `Okta asked for ${type.split('.')[1]}; the bridge has not finished it yet`);
    } else if (type === 'mapping.skipped') {
      current = status('provisioning-switched-off', record, `the tenant's provisioning switch "${details.rule ?? 'unknown'}" is off: ${record.reason ?? ''}`, { rule: details.rule });
    } else if (type === 'mapping.rejected') {
      current = status('mapping-rejected', record, `mapping rule "${details.rule ?? 'unknown'}" rejected the user: ${record.reason ?? ''}`, { rule: details.rule, attribute: details.attribute ?? null });
    } else if (type === 'zoom.user.sync.requested') {
      desiredActive = details.desired?.state === 'present' && details.desired.active === true;
      current = status('pending', record, 'queued for Zoom; waiting for the rate budget or the writer');
    } else if (type === 'message.deadlettered' || type.endsWith('.deadlettered')) {
      current = status('dead-lettered', record, `the change was set aside as undeliverable: ${record.reason ?? ''}`, { reasonCode: reasonCode(record) });
    } else if (type.startsWith('zoom.user.') && record.outcome === 'failure') {
      const code = reasonCode(record);
      if (RATE_LIMIT_CODES.has(code)) {
        const retryAt = retryTime(record);
        current = status('waiting-for-rate-limit', record, `Zoom's rate limit holds the change${retryAt === null ? '' : ` until ${retryAt}`}`, { reasonCode: code, retryAt });
      } else if (QUARANTINE_CODES.has(code)) {
        current = status('tenant-quarantined', record, `Zoom rejects the tenant's credentials; the tenant is quarantined: ${record.reason ?? ''}`, { reasonCode: code });
      } else {
        current = status('zoom-refused', record, `Zoom refused: ${record.reason ?? 'no reason given'}`, { reasonCode: code });
      }
    } else if (type.startsWith('zoom.user.') && record.outcome === 'success') {
      const active = desiredActive && !(details.operation ?? '').includes('deactivate-user');
      const latency = removalRequestedAt === undefined ? undefined : new Date(record.occurredAt).getTime() - removalRequestedAt;
      current = active
        ? status('in-zoom', record, 'the user is active in Zoom')
        : status('removed-from-zoom', record, `Zoom access was removed${latency === undefined ? '' : ` ${Math.round(latency / 1000)} s after Okta asked`}`, latency === undefined ? {} : { removalLatencyMs: latency });
    }
  }
  return current ?? status('never-reached-bridge', undefined, 'no request about this user ever reached the bridge');
}
