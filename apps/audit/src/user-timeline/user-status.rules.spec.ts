import type { StoredAuditRecord } from '../audit-store/audit-record';
import { userStatus, type UserState } from './user-status.rules';

let seq = 0;
function record(eventType: string, outcome: StoredAuditRecord['outcome'], reason: string | null = null, details: unknown = {}, occurredAt = '2026-03-01T10:00:00.000Z'): StoredAuditRecord {
  seq += 1;
  return {
    id: `r-${seq}`,
    tenantId: 'acme',
    seq: String(seq),
    recordedAt: occurredAt,
    occurredAt,
    eventType,
    topic: 't',
    actor: { type: 'service', id: 's' },
    targets: [{ type: 'user', id: 'u1', userName: 'ada@example.com' }],
    outcome,
    reason,
    correlationId: 'c',
    causationId: null,
    details,
    hash: 'h',
  };
}

const requested = record('user.create.requested', 'success');
const command = record('zoom.user.sync.requested', 'pending', null, { desired: { state: 'present', active: true } });

describe('userStatus', () => {
  it.each<[string, StoredAuditRecord[], UserState, Record<string, unknown>]>([
    ['no records', [], 'never-reached-bridge', {}],
    ['only a refused request', [record('scim.request', 'failure', 'bad token')], 'never-reached-bridge', {}],
    ['a request not yet mapped', [requested], 'pending', {}],
    ['a switched-off provisioning', [requested, record('mapping.skipped', 'skipped', 'createUsers is off', { rule: 'createUsers' })], 'provisioning-switched-off', { rule: 'createUsers' }],
    ['a mapping rejection', [requested, record('mapping.rejected', 'failure', 'email is required', { rule: 'email-required', attribute: 'emails' })], 'mapping-rejected', { rule: 'email-required', attribute: 'emails' }],
    ['a created Zoom user', [requested, command, record('zoom.user.created', 'success', null, { operation: 'create-user' })], 'in-zoom', {}],
    ['a Zoom refusal', [requested, command, record('zoom.user.sync.failed', 'failure', 'domain-not-associated: not your domain')], 'zoom-refused', { reasonCode: 'domain-not-associated' }],
    [
      'a rate limit with Retry-After',
      [requested, command, record('zoom.user.sync.failed', 'failure', 'rate-limited: slow down', { calls: [{ rateLimit: { retryAfter: '30' } }] })],
      'waiting-for-rate-limit',
      { retryAt: '2026-03-01T10:00:30.000Z' },
    ],
    ['a daily limit', [requested, command, record('zoom.user.sync.failed', 'failure', 'daily-limit: tomorrow')], 'waiting-for-rate-limit', { retryAt: '2026-03-02T00:00:00.000Z' }],
    ['rejected credentials', [requested, command, record('zoom.user.sync.failed', 'failure', 'credentials-rejected: 401')], 'tenant-quarantined', {}],
    ['a dead letter', [requested, command, record('zoom.user.sync.deadlettered', 'failure', 'invalid-value: bad')], 'dead-lettered', {}],
  ])('answers %s', (_name, records, state, extra) => {
    expect(userStatus(records)).toMatchObject({ state, ...extra });
  });

  it('measures how fast a removal reached Zoom', () => {
    const records = [
      record('user.deactivate.requested', 'success', null, {}, '2026-03-01T10:00:00.000Z'),
      record('zoom.user.sync.requested', 'pending', null, { desired: { state: 'present', active: false } }, '2026-03-01T10:00:01.000Z'),
      record('zoom.user.deactivated', 'success', null, { operation: 'deactivate-user' }, '2026-03-01T10:00:04.500Z'),
    ];
    expect(userStatus(records)).toMatchObject({ state: 'removed-from-zoom', removalLatencyMs: 4500 });
  });

  it('ignores superseded commands and audit queries', () => {
    const records = [requested, command, record('zoom.user.created', 'success', null, { operation: 'create-user' }), record('zoom.user.none.skipped', 'skipped'), record('audit.user.timeline.viewed', 'success')];
    expect(userStatus(records).state).toBe('in-zoom');
  });
});
