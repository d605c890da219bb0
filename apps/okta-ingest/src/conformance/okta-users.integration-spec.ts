import { Topics, type ScimUserChanged, type Envelope } from '@bridge/contracts';
import type { OktaScimClient } from '@bridge/testing';
import { startConformanceService, tokens, type ConformanceService } from './conformance.harness';

const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';
const LIST = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';

describe("Okta's user actions, replayed against okta-ingest", () => {
  let service: ConformanceService;
  let okta: OktaScimClient;

  beforeAll(async () => {
    service = await startConformanceService();
    okta = service.client();
  }, 60_000);

  afterAll(async () => {
    await service?.stop();
  }, 30_000);

  const userEvents = (userId: string, until: (events: Envelope<ScimUserChanged>[]) => boolean = () => true) =>
    service
      .events<ScimUserChanged>(Topics.scimUserChanged, (all) => until(all.filter((event) => event.data.userId === userId)))
      .then((all) => all.filter((event) => event.data.userId === userId));

  it('answers Test API Credentials with a ListResponse of numbers', async () => {
    const answer = await okta.testCredentials();
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toContain('application/scim+json');
    expect(answer.body).toMatchObject({ schemas: [LIST], totalResults: expect.any(Number), startIndex: 1, itemsPerPage: expect.any(Number) });
    expect(Array.isArray(answer.body['Resources'])).toBe(true);
  });

  it('assigns a user: an empty lookup, then 201 with the full user and its id, never the password', async () => {
    const lookup = await okta.lookupUser('grace@example.com');
    expect(lookup.status).toBe(200);
    expect(lookup.body).toMatchObject({ totalResults: 0, Resources: [] });
    const created = await okta.assignUser({ userName: 'grace@example.com', givenName: 'Grace', familyName: 'Hopper', externalId: '00u-grace' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      id: expect.any(String),
      userName: 'grace@example.com',
      name: { givenName: 'Grace', familyName: 'Hopper' },
      emails: [{ value: 'grace@example.com', primary: true, type: 'work' }],
      active: true,
      externalId: '00u-grace',
      meta: { resourceType: 'User', version: 'W/"1"', location: `${service.baseUrl}/Users/${String(created.body['id'])}` },
    });
    expect(JSON.stringify(created.body)).not.toContain('Passw0rd');
    const id = created.body['id'] as string;
    const [event] = await userEvents(id, (events) => events.length > 0);
    expect(event.data).toMatchObject({ change: 'created', version: 1, user: { userName: 'grace@example.com' } });
    expect(JSON.stringify(event)).not.toContain('Passw0rd');
    const { rows } = await service.db.query(`SELECT attributes::text AS a FROM ingest.scim_user WHERE id = $1`, [id]);
    expect(rows[0].a).not.toContain('Passw0rd');
  });

  it('links instead of creating when the lookup finds the user, in any case (SPEC test)', async () => {
    const first = await okta.assignUser({ userName: 'linus@example.com', givenName: 'Linus', familyName: 'T' });
    const upper = await okta.lookupUser('LINUS@EXAMPLE.COM');
    expect(upper.body.totalResults).toBe(1);
    expect(upper.body.Resources[0]['id']).toBe(first.body['id']);
    const again = await okta.assignUser({ userName: 'Linus@Example.com', givenName: 'Linus', familyName: 'T' });
    expect(again.status).toBe(200);
    expect(again.body['id']).toBe(first.body['id']);
  });

  it('answers a duplicate POST with 409 uniqueness, whatever the case', async () => {
    await okta.assignUser({ userName: 'dup@example.com', givenName: 'D', familyName: 'Up' });
    const duplicate = await okta.request('POST', '/Users', { userName: 'DUP@example.com', name: { givenName: 'D', familyName: 'Up' } });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body).toMatchObject({ schemas: [ERROR], scimType: 'uniqueness', detail: expect.stringContaining('DUP@example.com') });
  });

  it('never adopts another identity by externalId', async () => {
    const first = await okta.assignUser({ userName: 'ext1@example.com', givenName: 'E', familyName: 'One', externalId: 'same-external' });
    const second = await okta.assignUser({ userName: 'ext2@example.com', givenName: 'E', familyName: 'Two', externalId: 'same-external' });
    expect(second.status).toBe(201);
    expect(second.body['id']).not.toBe(first.body['id']);
  });

  it('updates a profile with GET then PUT, clearing what the PUT leaves out', async () => {
    const created = await okta.assignUser({ userName: 'ada@example.com', givenName: 'Ada', familyName: 'Lovelace' });
    const id = created.body['id'] as string;
    const updated = await okta.updateProfile(id, (user) => {
      const { locale: _locale, ...rest } = user;
      return { ...rest, name: { givenName: 'Augusta', familyName: 'Lovelace' }, title: 'Analyst', password: 'p', unknownThing: 1 };
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ id, name: { givenName: 'Augusta' }, title: 'Analyst', meta: { version: 'W/"2"' } });
    expect(updated.body).not.toHaveProperty('locale');
    expect(updated.body).not.toHaveProperty('unknownThing');
    expect(updated.body).not.toHaveProperty('password');
    expect(updated.body['meta']).toMatchObject({ created: (created.body['meta'] as { created: string }).created });
    const events = await userEvents(id, (all) => all.length >= 2);
    expect(events.map((event) => [event.data.change, event.data.version])).toEqual([
      ['created', 1],
      ['replaced', 2],
    ]);
  });

  it.each([
    ['a no-path PATCH (catalog apps)', (client: OktaScimClient, id: string) => client.deactivateUser(id)],
    ['a PUT with active false (custom apps)', (client: OktaScimClient, id: string) => client.deactivateUserByPut(id)],
  ])('deactivates by %s; the user stays readable with active false, and reactivates', async (_how, deactivate) => {
    const created = await okta.assignUser({ userName: `deact-${Math.random()}@example.com`, givenName: 'De', familyName: 'Act' });
    const id = created.body['id'] as string;
    const answer = await deactivate(okta, id);
    expect(answer.status).toBe(200);
    expect(answer.body['active']).toBe(false);
    const read = await okta.request('GET', `/Users/${id}`);
    expect(read.status).toBe(200);
    expect(read.body['active']).toBe(false);
    const reactivated = await okta.reactivateUser(id);
    expect(reactivated.body['active']).toBe(true);
    const events = await userEvents(id, (all) => all.length >= 3);
    expect(events.map((event) => event.data.change)).toEqual(['created', 'deactivated', 'reactivated']);
  });

  it('imports every user in stable pages of 100 with integer counts', async () => {
    for (let batch = 0; batch < 5; batch += 1) {
      await Promise.all(
        Array.from({ length: 50 }, (_, index) => okta.request('POST', '/Users', { userName: `import-${batch}-${index}@example.com` })),
      );
    }
    const { pages, resources } = await okta.importAll('Users');
    const total = pages[0].body.totalResults;
    expect(total).toBeGreaterThanOrEqual(250);
    expect(pages.every((page) => page.status === 200 && Number.isInteger(page.body.itemsPerPage))).toBe(true);
    expect(pages.map((page) => page.body.startIndex)).toEqual(pages.map((_, index) => 1 + index * 100));
    expect(new Set(resources.map((user) => user['id'])).size).toBe(total);
  });

  it('answers an unknown id with 404 and a detail (SPEC test)', async () => {
    const answer = await okta.request('GET', '/Users/00000000-0000-4000-8000-000000000000');
    expect(answer.status).toBe(404);
    expect(answer.body).toMatchObject({ schemas: [ERROR], status: '404', detail: expect.any(String) });
    expect((await okta.request('GET', '/Users/not-a-uuid')).status).toBe(404);
  });

  it('answers another tenant exactly like an unknown id', async () => {
    const created = await okta.assignUser({ userName: 'tenant-a@example.com', givenName: 'T', familyName: 'A' });
    const other = service.client(tokens.other);
    const id = created.body['id'] as string;
    for (const answer of [
      await other.request('GET', `/Users/${id}`),
      await other.request('PUT', `/Users/${id}`, { userName: 'x@example.com' }),
      await other.deactivateUser(id),
      await other.request('DELETE', `/Users/${id}`),
    ]) {
      expect(answer.status).toBe(404);
    }
    expect((await other.lookupUser('tenant-a@example.com')).body.totalResults).toBe(0);
  });

  it('deletes a user (other clients send DELETE) and reports it', async () => {
    const created = await okta.assignUser({ userName: 'gone@example.com', givenName: 'G', familyName: 'One' });
    const id = created.body['id'] as string;
    expect((await okta.request('DELETE', `/Users/${id}`)).status).toBe(204);
    expect((await okta.request('GET', `/Users/${id}`)).status).toBe(404);
    const events = await userEvents(id, (all) => all.length >= 2);
    expect(events.map((event) => [event.data.change, event.data.version])).toEqual([
      ['created', 1],
      ['deleted', 2],
    ]);
  });

  it('applies every one of many concurrent PATCHes to one user, each event one version after the last', async () => {
    const created = await okta.assignUser({ userName: 'contended-user@example.com', givenName: 'C', familyName: 'User' });
    const id = created.body['id'] as string;
    const enterprise = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
    // Each PATCH sets a different attribute, so a lost update shows as a missing value.
    const paths = [
      'title',
      'nickName',
      'userType',
      'preferredLanguage',
      'timezone',
      'profileUrl',
      `${enterprise}:department`,
      `${enterprise}:costCenter`,
      `${enterprise}:organization`,
      `${enterprise}:division`,
      `${enterprise}:employeeNumber`,
    ];
    const value = (path: string): string => (path === 'profileUrl' ? 'https://example.com/c' : path === 'timezone' ? 'Europe/Paris' : `value of ${path}`);
    const answers = await Promise.all(paths.map((path) => okta.patch('Users', id, [{ op: 'replace', path, value: value(path) }])));
    expect(answers.map((answer) => answer.status)).toEqual(paths.map(() => 200));
    const user = (await okta.request('GET', `/Users/${id}`)).body;
    for (const path of paths) {
      const [container, attribute] = path.startsWith(enterprise) ? [user[enterprise] as Record<string, unknown>, path.slice(enterprise.length + 1)] : [user, path];
      expect([path, container[attribute]]).toEqual([path, value(path)]);
    }
    expect((user['meta'] as { version: string }).version).toContain(String(paths.length + 1));
    const events = await userEvents(id, (all) => all.length > paths.length);
    expect(events.map((event) => event.data.version)).toEqual(Array.from({ length: paths.length + 1 }, (_, index) => index + 1));
  });

  it('answers a bad token with 401 and an Error body (SPEC test)', async () => {
    const answer = await service.client('ozb_not-a-token').testCredentials();
    expect(answer.status).toBe(401);
    expect(answer.body).toMatchObject({ schemas: [ERROR], detail: expect.any(String) });
  });
});
