import type { OktaScimClient } from '@bridge/testing';
import { startConformanceService, type ConformanceService } from './conformance.harness';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

describe("Microsoft Entra's shapes against okta-ingest", () => {
  let service: ConformanceService;
  let entra: OktaScimClient;
  let userId: string;

  beforeAll(async () => {
    service = await startConformanceService();
    entra = service.client(undefined, { userAgent: 'Microsoft.AAD.Provisioning', contentType: 'application/json' });
    const created = await entra.request('POST', '/Users', {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', ENTERPRISE],
      externalId: 'entra-object-1',
      userName: 'Alex.Wu@contoso.test',
      active: 'True',
      displayName: 'Alex Wu',
      emails: [{ primary: true, type: 'work', value: 'alex.wu@contoso.test' }],
      name: { formatted: 'Alex Wu', familyName: 'Wu', givenName: 'Alex' },
      [ENTERPRISE]: { department: 'Finance', manager: { value: 'mgr-1' } },
    });
    expect(created.status).toBe(201);
    userId = created.body['id'] as string;
  }, 60_000);

  afterAll(async () => {
    await service?.stop();
  }, 30_000);

  it('publishes discovery documents that describe the schemas', async () => {
    const config = await entra.request('GET', '/ServiceProviderConfig');
    expect(config.body).toMatchObject({ patch: { supported: true }, filter: { supported: true }, bulk: { supported: false } });
    const types = await entra.request<{ Resources: { id: string; schemaExtensions: { schema: string }[] }[] }>('GET', '/ResourceTypes');
    expect(types.body.Resources.map((type) => type.id)).toEqual(['User', 'Group']);
    expect(types.body.Resources[0].schemaExtensions.map((extension) => extension.schema)).toContain(ENTERPRISE);
    const schemas = await entra.request<{ Resources: { id: string }[] }>('GET', '/Schemas');
    expect(schemas.body.Resources.map((schema) => schema.id)).toEqual(
      expect.arrayContaining(['urn:ietf:params:scim:schemas:core:2.0:User', ENTERPRISE, 'urn:ietf:params:scim:schemas:extension:zoom:1.0:User']),
    );
    const user = await entra.request<{ attributes: { name: string; caseExact: boolean }[] }>('GET', '/Schemas/urn:ietf:params:scim:schemas:core:2.0:User');
    expect(user.body.attributes.find((attribute) => attribute.name === 'userName')).toMatchObject({ caseExact: false });
    expect((await entra.request('GET', '/Schemas/urn:nope')).status).toBe(404);
  });

  it.each([
    ['externalId eq "entra-object-1"', 1],
    ['EXTERNALID eq "entra-object-1"', 1],
    ['emails[type eq "work" and value co "@contoso.test"]', 1],
    [`${ENTERPRISE}:department eq "finance"`, 1],
    ['userName sw "alex." and not (active eq false)', 1],
    ['displayName eq "Nobody"', 0],
  ])('filters on %s', async (filter, expected) => {
    const answer = await entra.request<{ totalResults: number; Resources: unknown[] }>('GET', `/Users?filter=${encodeURIComponent(filter)}`);
    expect(answer.status).toBe(200);
    expect(answer.body.totalResults).toBe(expected);
  });

  it('applies capitalised ops, "False" strings, value-filter paths and URN paths', async () => {
    const answer = await entra.patch('Users', userId, [
      { op: 'Replace', path: 'active', value: 'False' },
      { op: 'Add', path: 'emails[type eq "work"].value', value: 'alex@contoso.test' },
      { op: 'Replace', path: `${ENTERPRISE}:department`, value: 'Audit' },
      { op: 'Add', path: 'phoneNumbers[type eq "mobile"].value', value: '+1 555 0100' },
      { op: 'Remove', path: 'name.formatted' },
    ]);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      active: false,
      emails: [{ type: 'work', value: 'alex@contoso.test', primary: true }],
      phoneNumbers: [{ type: 'mobile', value: '+1 555 0100' }],
      name: { familyName: 'Wu', givenName: 'Alex' },
      [ENTERPRISE]: { department: 'Audit', manager: { value: 'mgr-1' } },
    });
    expect((answer.body['name'] as Record<string, unknown>)['formatted']).toBeUndefined();
  });

  it('returns only the requested attributes', async () => {
    const answer = await entra.request<{ Resources: Record<string, unknown>[] }>('GET', `/Users?filter=${encodeURIComponent('externalId eq "entra-object-1"')}&attributes=userName,name.givenName`);
    expect(answer.body.Resources[0]).toEqual({
      schemas: expect.any(Array),
      id: userId,
      userName: 'Alex.Wu@contoso.test',
      name: { givenName: 'Alex' },
    });
  });

  it('checks membership with members[value eq] and excludedAttributes=members, and removes members by value array', async () => {
    const group = await entra.request('POST', '/Groups', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'Finance', externalId: 'g-ext' });
    const groupId = group.body['id'] as string;
    expect((await entra.patch('Groups', groupId, [{ op: 'Add', path: 'members', value: [{ value: userId }] }])).status).toBe(204);
    const filter = encodeURIComponent(`id eq "${groupId}" and members[value eq "${userId}"]`);
    const check = await entra.request<{ totalResults: number; Resources: Record<string, unknown>[] }>('GET', `/Groups?filter=${filter}&excludedAttributes=members`);
    expect(check.body.totalResults).toBe(1);
    expect(check.body.Resources[0]).not.toHaveProperty('members');
    expect((await entra.patch('Groups', groupId, [{ op: 'Remove', path: 'members', value: [{ value: userId }] }])).status).toBe(204);
    const after = await entra.request<{ totalResults: number }>('GET', `/Groups?filter=${filter}`);
    expect(after.body.totalResults).toBe(0);
  });

  it('answers a no-match filter with 200 and an empty list, not 404', async () => {
    const answer = await entra.request('GET', `/Users?filter=${encodeURIComponent('userName eq "nobody@contoso.test"')}`);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ totalResults: 0, Resources: [] });
  });

  it('ignores unknown attributes on PUT and keeps read-only ones', async () => {
    const answer = await entra.request('PUT', `/Users/${userId}`, {
      userName: 'Alex.Wu@contoso.test',
      id: 'something-else',
      meta: { created: '2000-01-01T00:00:00Z' },
      somethingNew: { nested: true },
      active: true,
    });
    expect(answer.status).toBe(200);
    expect(answer.body['id']).toBe(userId);
    expect(answer.body).not.toHaveProperty('somethingNew');
    expect((answer.body['meta'] as { created: string }).created).not.toBe('2000-01-01T00:00:00Z');
  });
});
