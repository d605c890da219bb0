import { Topics, type Envelope, type IngestRequestLogged } from '@bridge/contracts';
import type { OktaScimClient } from '@bridge/testing';
import { startConformanceService, tokens, type ConformanceService } from './conformance.harness';

describe('okta-ingest errors, authentication and the inbound rate limit', () => {
  let service: ConformanceService;
  let okta: OktaScimClient;
  let userId: string;

  beforeAll(async () => {
    service = await startConformanceService({ SCIM_MAX_BODY_BYTES: '4096' });
    okta = service.client();
    userId = (await okta.assignUser({ userName: 'err@example.com', givenName: 'E', familyName: 'R' })).body['id'] as string;
  }, 60_000);

  afterAll(async () => {
    await service?.stop();
  }, 30_000);

  async function raw(method: string, path: string, body: string | undefined, headers: Record<string, string> = {}) {
    const response = await fetch(`${service.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${tokens.current}`, 'content-type': 'application/scim+json; charset=utf-8', ...headers },
      body,
    });
    return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, unknown> };
  }

  it.each([
    ['malformed JSON', 'POST', '/Users', '{"userName": ', 400, 'invalidSyntax'],
    ['a missing userName', 'POST', '/Users', '{"name": {"givenName": "A"}}', 400, 'invalidValue'],
    ['a wrongly typed attribute', 'POST', '/Users', '{"userName": "t@example.com", "emails": "t@example.com"}', 400, 'invalidValue'],
    ['an unknown PATCH op', 'PATCH', '/Users/USER', '{"Operations": [{"op": "copy", "path": "title", "value": "x"}]}', 400, 'invalidSyntax'],
    ['an unparsable filter', 'GET', '/Users?filter=userName%20eq%20bob', undefined, 400, 'invalidFilter'],
    ['a filter on an unknown attribute', 'GET', '/Users?filter=shoeSize%20eq%20%2242%22', undefined, 400, 'invalidFilter'],
    ['an oversized body', 'POST', '/Users', JSON.stringify({ userName: 'big@example.com', title: 'x'.repeat(5000) }), 413, undefined],
  ])('answers %s with %i and scimType %s', async (_name, method, path, body, status, scimType) => {
    const answer = await raw(method, path.replace('USER', userId), body);
    expect(answer.status).toBe(status);
    expect(answer.headers.get('content-type')).toContain('application/scim+json');
    expect(answer.body).toMatchObject({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: String(status), detail: expect.any(String) });
    expect(answer.body['scimType']).toBe(scimType);
  });

  it('accepts application/json as well as application/scim+json', async () => {
    const answer = await raw('POST', '/Users', '{"userName": "json@example.com"}', { 'content-type': 'application/json' });
    expect(answer.status).toBe(201);
  });

  it.each([
    ['a missing token', {}],
    ['an empty token', { authorization: 'Bearer ' }],
    ['an unknown token', { authorization: 'Bearer ozb_unknown' }],
    ['a revoked token', { authorization: `Bearer ${tokens.revoked}` }],
  ])('answers %s with 401 and a detail', async (_name, headers) => {
    const response = await fetch(`${service.baseUrl}/Users`, { headers });
    expect(response.status).toBe(401);
    expect(((await response.json()) as { detail: string }).detail).toMatch(/\w+/);
  });

  it('accepts both active tokens during a rotation', async () => {
    expect((await service.client(tokens.previous).request('GET', `/Users/${userId}`)).status).toBe(200);
  });

  it('answers 429 with Retry-After and a SCIM body when a tenant exceeds its limit', async () => {
    const slow = service.client(tokens.slow);
    const answers = await Promise.all(Array.from({ length: 6 }, () => slow.testCredentials()));
    const limited = answers.filter((answer) => answer.status === 429);
    expect(limited.length).toBeGreaterThanOrEqual(2);
    expect(Number(limited[0].headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(limited[0].body).toMatchObject({ status: '429', detail: expect.stringContaining('okta.inboundRateLimit') });
    expect((await okta.testCredentials()).status).toBe(200);
  });

  it('records every request, refused ones included, without the token', async () => {
    await raw('POST', '/Users', '{"userName": ');
    // Request records are written in batches: wait for both the refused body and the earlier bad token.
    const records = await service.events<IngestRequestLogged>(
      Topics.ingestRequestLogged,
      (all) =>
        all.some((record) => record.data.status === 400 && record.data.scimType === 'invalidSyntax') &&
        all.some((record) => record.data.status === 401 && record.tenantId === 'unknown'),
    );
    const refused = records.find((record: Envelope<IngestRequestLogged>) => record.data.status === 400 && record.data.scimType === 'invalidSyntax');
    expect(refused).toMatchObject({ tenantId: 'conf', data: { method: 'POST', tokenId: 'current' } });
    expect(records.some((record) => record.data.status === 401 && record.tenantId === 'unknown')).toBe(true);
    expect(JSON.stringify(records)).not.toContain(tokens.current);
  });
});
