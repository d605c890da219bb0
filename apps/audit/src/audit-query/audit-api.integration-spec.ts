import { randomUUID } from 'node:crypto';
import { AuditWriterService } from '../audit-store/audit-writer.service';
import { AuditPartitions } from '../audit-store/audit-partitions.service';
import { AUDIT_OPENAPI } from '../openapi/audit-openapi.document';
import { auditRecord } from '../testing/audit-record.factory';
import { startAuditTestApp, type AuditTestApp } from '../testing/audit-test-app';

interface Event {
  uuid: string;
  eventType: string;
  tenantId: string;
  target: { id: string }[];
  chain: { seq: string };
}

function nextLink(response: Response): string | undefined {
  return /<([^>]+)>; rel="next"/.exec(response.headers.get('link') ?? '')?.[1];
}

describe('the audit API', () => {
  let t: AuditTestApp;
  let writer: AuditWriterService;
  const globexUser = randomUUID();

  beforeAll(async () => {
    t = await startAuditTestApp();
    writer = t.app.get(AuditWriterService);
    await writer.append([
      auditRecord({ tenantId: 'acme', eventType: 'zoom.user.created' }),
      auditRecord({ tenantId: 'globex', targets: [{ type: 'user', id: globexUser, userName: 'secret.person@globex.example' }] }),
    ]);
  }, 60_000);

  afterAll(async () => {
    await t?.close();
  }, 60_000);

  it('refuses a missing or SCIM token with 401', async () => {
    expect((await fetch(`${t.baseUrl}/api/v1/audit/events`)).status).toBe(401);
    expect((await t.get('/api/v1/audit/events', t.tokens.scim)).status).toBe(401);
  });

  it.each([
    ['/api/v1/audit/events?tenantId=globex'],
    ['/api/v1/audit/events/export?tenantId=globex'],
    [`/api/v1/audit/users/${'secret.person@globex.example'}/timeline?tenantId=globex`],
    ['/api/v1/audit/verify?tenantId=globex'],
  ])('answers 404 to a tenant auditor naming another tenant: %s', async (route) => {
    const response = await t.get(route, t.tokens.acme);
    expect(response.status).toBe(404);
    const body = await response.json();
    expect(body).toMatchObject({ errorCode: 'E0000007', errorCauses: [] });
    expect(JSON.stringify(body)).not.toContain('secret.person');
  });

  it('never shows another tenant\'s records on any route', async () => {
    // acme's own trail records acme's auditor probing globex (with what they typed); those query records are left out here.
    const withoutQueries = async (r: Response): Promise<string> => JSON.stringify(((await r.json()) as { topic: string }[]).filter((event) => event.topic !== 'audit.api'));
    const answers = await Promise.all([
      t.get('/api/v1/audit/events?limit=1000', t.tokens.acme).then(withoutQueries),
      t.get('/api/v1/audit/events/export?format=csv', t.tokens.acme).then(async (r) => (await r.text()).split('\r\n').filter((line) => !line.includes(',audit.')).join('\n')),
      // A timeline echoes the user it was asked about; everything else in it must be the caller's tenant.
      t.get(`/api/v1/audit/users/${globexUser}/timeline`, t.tokens.acme).then(async (r) => JSON.stringify({ ...((await r.json()) as object), user: null })),
      t.get('/api/v1/audit/users/secret.person@globex.example/timeline', t.tokens.acme).then(async (r) => JSON.stringify({ ...((await r.json()) as object), user: null })),
      t.get(`/api/v1/audit/events?filter=${encodeURIComponent(`target.id eq "${globexUser}"`)}`, t.tokens.acme).then(withoutQueries),
    ]);
    for (const answer of answers) {
      expect(answer).not.toContain('secret.person');
      expect(answer).not.toContain('"tenantId":"globex"');
      expect(answer).not.toContain(globexUser);
    }
    const timeline = JSON.parse(answers[2]);
    expect(timeline).toMatchObject({ status: { state: 'never-reached-bridge' }, events: [] });
  });

  it('lets a platform auditor read a named tenant and requires the name', async () => {
    expect((await t.get('/api/v1/audit/events', t.tokens.platform)).status).toBe(400);
    const events = (await (await t.get('/api/v1/audit/events?tenantId=globex', t.tokens.platform)).json()) as Event[];
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((event) => event.tenantId === 'globex')).toBe(true);
    expect((await t.get('/api/v1/audit/events?tenantId=nobody', t.tokens.platform)).status).toBe(404);
  });

  it.each([
    'eventType eq "x" or 1=1',
    "eventType eq 'x' or '1'='1'",
    'eventType eq "x"; DROP TABLE audit.audit_event; --',
    'details.password pr',
    'tenantId eq "globex"',
    '((((((((((eventType eq "x"))))))))))',
    `eventType eq "${'a'.repeat(3000)}"`,
  ])('rejects the filter %s with an Okta error', async (filter) => {
    const response = await t.get(`/api/v1/audit/events?filter=${encodeURIComponent(filter)}`, t.tokens.acme);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ errorCode: 'E0000031', errorSummary: expect.stringContaining('Invalid search criteria'), errorCauses: [expect.any(Object)] });
  });

  it.each([
    ['a quoted SQL value', 'eventType eq "x\' OR \'1\'=\'1"'],
    ['LIKE wildcards', 'eventType co "%"'],
    ['a tenant name as target', 'target.id eq "globex"'],
  ])('treats %s as data', async (_name, filter) => {
    const response = await t.get(`/api/v1/audit/events?filter=${encodeURIComponent(filter)}&q=${encodeURIComponent("%' OR 1=1 --")}`, t.tokens.acme);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual([]);
    expect((await t.superuser.query(`SELECT to_regclass('audit.audit_event') IS NOT NULL AS ok`)).rows[0].ok).toBe(true);
  });

  it.each([['limit=0'], ['limit=abc'], ['since=yesterday'], ['sortOrder=RANDOM'], ['after=bm90LWEtY3Vyc29y'], ['limit=1&limit=2']])('refuses %s with 400', async (query) => {
    const response = await t.get(`/api/v1/audit/events?${query}`, t.tokens.acme);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ errorCode: 'E0000001' });
  });

  it('filters by event type and outcome, and finds keywords', async () => {
    const events = (await (await t.get(`/api/v1/audit/events?filter=${encodeURIComponent('eventType eq "zoom.user.created" and outcome.result eq "SUCCESS"')}`, t.tokens.acme)).json()) as Event[];
    expect(events.map((event) => event.eventType)).toEqual(['zoom.user.created']);
    const found = (await (await t.get('/api/v1/audit/events?q=zoom.user.created', t.tokens.acme)).json()) as Event[];
    expect(found).toHaveLength(1);
  });

  it('pages with the cursor without skipping or repeating while two writers insert', async () => {
    const tenantId = 'acme';
    const other = new AuditWriterService(t.app.get(AuditWriterService)['dataSource'], new AuditPartitions(t.app.get(AuditWriterService)['dataSource']));
    let inserting = true;
    const inserter = (async () => {
      for (let round = 0; round < 15; round += 1) {
        await Promise.all([writer.append([auditRecord({ tenantId }), auditRecord({ tenantId })]), other.append([auditRecord({ tenantId }), auditRecord({ tenantId })])]);
        await new Promise((resolve) => setTimeout(resolve, 15));
      }
      inserting = false;
    })();
    const seen: Event[] = [];
    let url: string | undefined = `/api/v1/audit/events?limit=7&since=${encodeURIComponent(new Date(Date.now() - 3600_000).toISOString())}`;
    for (let polls = 0; polls < 500 && url !== undefined; polls += 1) {
      const response = await t.get(url.replace(/^https?:\/\/[^/]+/, ''), t.tokens.acme);
      const page = (await response.json()) as Event[];
      seen.push(...page);
      if (!inserting && page.every((event) => event.eventType.startsWith('audit.'))) {
        break;
      }
      url = nextLink(response);
    }
    await inserter;
    const ids = seen.map((event) => event.uuid);
    expect(new Set(ids).size).toBe(ids.length);
    const lastSeq = seen[seen.length - 1].chain.seq;
    const { rows } = await t.superuser.query<{ id: string }>(`SELECT id::text FROM audit.audit_event WHERE tenant_id = $1 AND seq <= $2 AND recorded_at >= now() - interval '1 hour' ORDER BY seq`, [tenantId, lastSeq]);
    expect(ids).toEqual(rows.map((row) => row.id));
    expect(seen.filter((event) => !event.eventType.startsWith('audit.')).length).toBeGreaterThanOrEqual(60);
  }, 60_000);

  it('records every query: who asked for what', async () => {
    await t.get('/api/v1/audit/events?filter=' + encodeURIComponent('eventType eq "marker.event"'), t.tokens.acme);
    const { rows } = await t.superuser.query(`SELECT actor_type, actor_id, details::text FROM audit.audit_event WHERE tenant_id = 'acme' AND event_type = 'audit.events.listed' AND details::text LIKE '%marker.event%'`);
    expect(rows).toEqual([{ actor_type: 'auditor', actor_id: 'analyst-acme', details: expect.stringContaining('/api/v1/audit/events') }]);
    const probes = await t.superuser.query(`SELECT outcome FROM audit.audit_event WHERE tenant_id = 'acme' AND reason = 'another tenant was named'`);
    expect(probes.rows.length).toBeGreaterThan(0);
  });

  it('exports a range as NDJSON and as CSV', async () => {
    const ndjson = await (await t.get('/api/v1/audit/events/export', t.tokens.acme)).text();
    const lines = ndjson.trim().split('\n').map((line) => JSON.parse(line) as Event);
    expect(lines.length).toBeGreaterThan(10);
    expect(lines.every((event) => event.tenantId === 'acme')).toBe(true);
    const csv = await t.get('/api/v1/audit/events/export?format=csv', t.tokens.acme);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect((await csv.text()).split('\r\n')[0]).toMatch(/^published,occurred,uuid,eventType/);
  });

  it('answers why a user is not in Zoom, by userName', async () => {
    const userId = randomUUID();
    const target = [{ type: 'user', id: userId, userName: 'Ada.Lovelace@acme.example' }];
    await writer.append([
      auditRecord({ tenantId: 'acme', eventType: 'user.create.requested', targets: target }),
      auditRecord({ tenantId: 'acme', eventType: 'zoom.user.sync.requested', outcome: 'pending', targets: target, details: { desired: { state: 'present', active: true } } }),
      auditRecord({ tenantId: 'acme', eventType: 'zoom.user.sync.failed', outcome: 'failure', targets: target, reason: 'rate-limited: Too many requests', details: { calls: [{ rateLimit: { retryAfter: '60' } }] } }),
    ]);
    const timeline = (await (await t.get('/api/v1/audit/users/ada.lovelace@acme.example/timeline', t.tokens.acme)).json()) as { status: unknown; events: Event[] };
    expect(timeline.status).toMatchObject({ state: 'waiting-for-rate-limit', retryAt: expect.any(String) });
    expect(timeline.events.map((event: Event) => event.eventType)).toEqual(['user.create.requested', 'zoom.user.sync.requested', 'zoom.user.sync.failed']);
  });

  it('proves the trail intact through the verify endpoint', async () => {
    const report = (await (await t.get('/api/v1/audit/verify', t.tokens.acme)).json()) as { recordsChecked: number };
    expect(report).toMatchObject({ tenantId: 'acme', intact: true, firstBroken: null });
    expect(report.recordsChecked).toBeGreaterThan(50);
  });

  it('serves its OpenAPI document without a token', async () => {
    expect(await (await fetch(`${t.baseUrl}/api/v1/audit/openapi.json`)).json()).toEqual(JSON.parse(JSON.stringify(AUDIT_OPENAPI)));
  });
});
