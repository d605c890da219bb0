import { Topics, type Envelope, type ScimGroupChanged } from '@bridge/contracts';
import type { OktaScimClient } from '@bridge/testing';
import { startConformanceService, type ConformanceService } from './conformance.harness';

describe("Okta's group push and every membership shape, replayed against okta-ingest", () => {
  let service: ConformanceService;
  let okta: OktaScimClient;
  const users: string[] = [];

  beforeAll(async () => {
    service = await startConformanceService();
    okta = service.client();
    for (let index = 0; index < 6; index += 1) {
      const created = await okta.assignUser({ userName: `member${index}@example.com`, givenName: 'M', familyName: String(index) });
      users.push(created.body['id'] as string);
    }
  }, 60_000);

  afterAll(async () => {
    await service?.stop();
  }, 30_000);

  const groupEvents = (groupId: string, count: number): Promise<Envelope<ScimGroupChanged>[]> =>
    service
      .events<ScimGroupChanged>(Topics.scimGroupChanged, (all) => all.filter((event) => event.data.groupId === groupId).length >= count)
      .then((all) => all.filter((event) => event.data.groupId === groupId));

  async function memberIds(groupId: string): Promise<string[]> {
    const answer = await okta.request<{ members: { value: string }[] }>('GET', `/Groups/${groupId}`);
    return answer.body.members.map((member) => member.value).sort();
  }

  async function push(name: string, members: string[] = []): Promise<string> {
    const created = await okta.pushGroup(name, members);
    expect(created.status).toBe(201);
    return created.body['id'] as string;
  }

  it('pushes a group after a case-insensitive lookup, and refuses a second one with the same name', async () => {
    expect((await okta.lookupGroup('Engineering')).body.totalResults).toBe(0);
    const created = await okta.pushGroup('Engineering');
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: expect.any(String), displayName: 'Engineering', members: [], meta: { resourceType: 'Group', version: 'W/"1"' } });
    const found = await okta.lookupGroup('ENGINEERING');
    expect(found.body.Resources.map((group) => group['id'])).toEqual([created.body['id']]);
    const duplicate = await okta.pushGroup('engineering');
    expect(duplicate.status).toBe(409);
    expect(duplicate.body['scimType']).toBe('uniqueness');
    const [event] = await groupEvents(created.body['id'] as string, 1);
    expect(event.data).toMatchObject({ changes: ['created'], version: 1, displayName: 'Engineering', members: [] });
  });

  it('creates a group with members', async () => {
    const id = await push('With members', [users[0], users[1]]);
    expect(await memberIds(id)).toEqual([users[0], users[1]].sort());
    const [event] = await groupEvents(id, 1);
    expect(event.data.added.sort()).toEqual([users[0], users[1]].sort());
  });

  it('applies a catalog membership PATCH (rename riding along, filtered removes, array add) and publishes the delta', async () => {
    const id = await push('Catalog', [users[0], users[1]]);
    const answer = await okta.patchMembers(id, 'Catalog', { remove: [users[0]], add: [users[2], users[3]] });
    expect(answer.status).toBe(204);
    expect(await memberIds(id)).toEqual([users[1], users[2], users[3]].sort());
    const events = await groupEvents(id, 2);
    expect(events[1].data).toMatchObject({ changes: ['members-added', 'members-removed'], version: 2, removed: [users[0]] });
    expect(events[1].data.added.sort()).toEqual([users[2], users[3]].sort());
    expect(events[1].data.members.sort()).toEqual([users[1], users[2], users[3]].sort());
  });

  it.each([
    ['remove path members with a value array', [{ op: 'remove', path: 'members', value: [{ value: 'U1' }] }], ['U0']],
    ['replace of all members', [{ op: 'replace', path: 'members', value: [{ value: 'U4' }, { value: 'U5' }] }], ['U4', 'U5']],
    ['replace of all members with an empty array', [{ op: 'replace', path: 'members', value: [] }], []],
    ['add of an existing member', [{ op: 'add', path: 'members', value: [{ value: 'U0' }] }], ['U0', 'U1']],
    ['remove of a missing member', [{ op: 'remove', path: 'members[value eq "U5"]' }], ['U0', 'U1']],
  ])('applies %s', async (name, operations, expected) => {
    const id = await push(`Shape ${name}`, [users[0], users[1]]);
    const resolve = (text: string): string => text.replace(/U(\d)/g, (_, index: string) => users[Number(index)]);
    const answer = await okta.patch('Groups', id, JSON.parse(resolve(JSON.stringify(operations))) as unknown[]);
    expect(answer.status).toBe(204);
    expect(await memberIds(id)).toEqual(expected.map(resolve).sort());
  });

  it('renames with a no-path replace of {id, displayName}, reporting only a real rename', async () => {
    const id = await push('Old name');
    expect((await okta.patch('Groups', id, [{ op: 'replace', value: { id, displayName: 'Old name' } }])).status).toBe(204);
    expect((await okta.patch('Groups', id, [{ op: 'replace', value: { id, displayName: 'New name' } }])).status).toBe(204);
    const read = await okta.request('GET', `/Groups/${id}`);
    expect(read.body).toMatchObject({ displayName: 'New name', meta: { version: 'W/"2"' } });
    const events = await groupEvents(id, 2);
    expect(events.map((event) => event.data.changes)).toEqual([['created'], ['renamed']]);
  });

  it('replaces the member list with PUT (custom apps)', async () => {
    const id = await push('Custom app', [users[0]]);
    const answer = await okta.replaceGroup(id, 'Custom app', [users[1], users[2]]);
    expect(answer.status).toBe(200);
    expect(await memberIds(id)).toEqual([users[1], users[2]].sort());
    const events = await groupEvents(id, 2);
    expect(events[1].data).toMatchObject({ changes: ['members-replaced'], removed: [users[0]] });
  });

  it('refuses members that are not users of this app, naming them', async () => {
    const id = await push('Strangers');
    const answer = await okta.patchMembers(id, 'Strangers', { add: ['00000000-0000-4000-8000-000000000000'] });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ scimType: 'invalidValue', detail: expect.stringContaining('00000000-0000-4000-8000-000000000000') });
    expect(await memberIds(id)).toEqual([]);
  });

  it('never loses a membership change when PATCHes to one group race', async () => {
    const id = await push('Contended');
    const answers = await Promise.all(users.map((user) => okta.patchMembers(id, 'Contended', { add: [user] })));
    expect(answers.map((answer) => answer.status)).toEqual(users.map(() => 204));
    expect(await memberIds(id)).toEqual([...users].sort());
    const events = await groupEvents(id, users.length + 1);
    expect(events.map((event) => event.data.version)).toEqual(Array.from({ length: users.length + 1 }, (_, index) => index + 1));
    expect(events[events.length - 1].data.members.sort()).toEqual([...users].sort());
  });

  it('keeps every change and a consistent event chain when 24 adds and removes race on one group', async () => {
    const extra: string[] = [];
    for (let index = 0; index < 12; index += 1) {
      const created = await okta.assignUser({ userName: `racer${index}@example.com`, givenName: 'R', familyName: String(index) });
      extra.push(created.body['id'] as string);
    }
    const id = await push('Raced', extra.slice(0, 6));
    // Six members leave while twelve join (six of them already members, so those are no-ops), each its own PATCH, all at once.
    const answers = await Promise.all([
      ...extra.slice(0, 6).map((user) => okta.patchMembers(id, 'Raced', { remove: [user] })),
      ...extra.map((user) => okta.patchMembers(id, 'Raced', { add: [user] })),
      ...users.slice(0, 6).map((user) => okta.patchMembers(id, 'Raced', { add: [user] })),
    ]);
    expect(answers.every((answer) => answer.status === 204)).toBe(true);
    // Which adds were no-ops depends on the order; the group's version says how many changes there were.
    const group = await okta.request<{ meta: { version: string } }>('GET', `/Groups/${id}`);
    const version = Number(/\d+/.exec(group.body.meta.version)?.[0]);
    expect(version).toBeGreaterThanOrEqual(19);
    // Each event's version follows the last, and its member list is the last one's with its delta applied.
    const chain = (await groupEvents(id, version)).sort((a, b) => a.data.version - b.data.version);
    expect(chain.map((event) => event.data.version)).toEqual(chain.map((_, index) => index + 1));
    for (let index = 1; index < chain.length; index += 1) {
      const before = new Set(chain[index - 1].data.members);
      chain[index].data.removed.forEach((member) => before.delete(member));
      chain[index].data.added.forEach((member) => before.add(member));
      expect([...before].sort()).toEqual([...chain[index].data.members].sort());
    }
    expect([...chain[chain.length - 1].data.members].sort()).toEqual(await memberIds(id));
    // Whatever the order, the six added users are members; a racer is one if its add came after its remove.
    expect(await memberIds(id)).toEqual(expect.arrayContaining([...extra.slice(6), ...users.slice(0, 6)]));
  });

  it('imports groups in pages and deletes one on unlink', async () => {
    const id = await push('To unlink', [users[0]]);
    const { resources } = await okta.importAll('Groups', 3);
    expect(resources.some((group) => group['id'] === id)).toBe(true);
    expect((await okta.request('DELETE', `/Groups/${id}`)).status).toBe(204);
    expect((await okta.request('GET', `/Groups/${id}`)).status).toBe(404);
    const events = await groupEvents(id, 2);
    expect(events[1].data).toMatchObject({ changes: ['deleted'], removed: [users[0]], members: [] });
  });

  it('takes a deleted user out of its groups and reports it', async () => {
    const extra = await okta.assignUser({ userName: 'leaver@example.com', givenName: 'L', familyName: 'Eaver' });
    const leaver = extra.body['id'] as string;
    const id = await push('Has a leaver', [leaver, users[0]]);
    expect((await okta.request('DELETE', `/Users/${leaver}`)).status).toBe(204);
    expect(await memberIds(id)).toEqual([users[0]]);
    const events = await groupEvents(id, 2);
    expect(events[1].data).toMatchObject({ changes: ['members-removed'], removed: [leaver], members: [users[0]] });
  });

  it("shows a user's memberships as read-only groups, filterable and left alone by user writes", async () => {
    const joined = await okta.assignUser({ userName: 'joiner@example.com', givenName: 'J', familyName: 'Oiner' });
    const userId = joined.body['id'] as string;
    expect(joined.body['groups']).toBeUndefined();
    const zebra = await push('Zebra team', [userId]);
    const alpha = await push('alpha team', [userId, users[0]]);
    const read = await okta.request<Record<string, unknown>>('GET', `/Users/${userId}`);
    expect(read.body['groups']).toEqual([
      { value: alpha, $ref: expect.stringMatching(new RegExp(`/Groups/${alpha}$`)), display: 'alpha team', type: 'direct' },
      { value: zebra, $ref: expect.stringMatching(new RegExp(`/Groups/${zebra}$`)), display: 'Zebra team', type: 'direct' },
    ]);

    const byGroup = await okta.request<{ Resources: { id: string; groups?: unknown[] }[] }>(
      'GET',
      `/Users?filter=${encodeURIComponent(`groups[value eq "${zebra}"]`)}`,
    );
    expect(byGroup.body.Resources.map((user) => user.id)).toEqual([userId]);
    expect(byGroup.body.Resources[0].groups).toHaveLength(2);
    const byName = await okta.request<{ Resources: { id: string }[] }>('GET', `/Users?filter=${encodeURIComponent('groups.display eq "ALPHA TEAM"')}`);
    expect(byName.body.Resources.map((user) => user.id).sort()).toEqual([userId, users[0]].sort());
    const excluded = await okta.request<Record<string, unknown>>('GET', `/Users/${userId}?excludedAttributes=groups`);
    expect(excluded.body['groups']).toBeUndefined();

    // A client sending groups with a user write changes no membership; the answer still shows them.
    const put = await okta.request<Record<string, unknown>>('PUT', `/Users/${userId}`, {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName: 'joiner@example.com',
      name: { givenName: 'J', familyName: 'Oiner' },
      active: true,
      groups: [{ value: zebra }],
    });
    expect(put.status).toBe(200);
    expect((put.body['groups'] as unknown[]).length).toBe(2);
    const patched = await okta.patch('Users', userId, [{ op: 'replace', path: 'displayName', value: 'Joiner' }]);
    expect(patched.status).toBe(200);
    expect((patched.body['groups'] as { value: string }[]).map((group) => group.value).sort()).toEqual([alpha, zebra].sort());

    expect((await okta.patchMembers(zebra, 'Zebra team', { remove: [userId] })).status).toBe(204);
    const after = await okta.request<Record<string, unknown>>('GET', `/Users/${userId}`);
    expect((after.body['groups'] as { value: string }[]).map((group) => group.value)).toEqual([alpha]);
  });
});
