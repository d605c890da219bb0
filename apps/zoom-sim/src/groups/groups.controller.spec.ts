import { SchemaUrns } from '@bridge/scim';
import { userBody } from '../testing/user-bodies';
import { startSimTestApp, type SimTestApp } from '../testing/zoom-sim-test-app';

const groupBody = (displayName: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({ schemas: [SchemaUrns.group], displayName, ...extra });
const patch = (...Operations: unknown[]): Record<string, unknown> => ({ schemas: [SchemaUrns.patchOp], Operations });

describe('Zoom SCIM2 groups (HTTP)', () => {
  let sim: SimTestApp;
  let sequence = 0;

  beforeAll(async () => {
    sim = await startSimTestApp();
  });
  afterAll(async () => {
    await sim.close();
  });
  beforeEach(() => sim.clock.advance(1000));

  async function createUser(): Promise<string> {
    const response = await sim.call('POST', '/scim2/Users', { body: userBody(`member${(sequence += 1)}@example.com`) });
    return response.body.id as string;
  }

  async function createGroup(extra: Record<string, unknown> = {}): Promise<{ id: string; displayName: string }> {
    const displayName = `Group ${(sequence += 1)}`;
    const response = await sim.call('POST', '/scim2/Groups', { body: groupBody(displayName, extra) });
    expect(response.status).toBe(201);
    return { id: response.body.id as string, displayName };
  }

  async function memberIds(groupId: string): Promise<string[]> {
    const response = await sim.call('GET', `/scim2/Groups/${groupId}`);
    return (response.body.members as { value: string }[]).map((member) => member.value);
  }

  it('creates a group with members and an email alias: 201 with the group', async () => {
    const userId = await createUser();
    const response = await sim.call('POST', '/scim2/Groups', {
      body: groupBody('Sales', { members: [{ value: userId }], [SchemaUrns.zoomGroup]: { emailAlias: 'sales@example.com' } }),
    });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      schemas: [SchemaUrns.group, SchemaUrns.zoomGroup],
      id: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/),
      displayName: 'Sales',
      members: [{ value: userId, display: 'Ada Lovelace' }],
      [SchemaUrns.zoomGroup]: { emailAlias: 'sales@example.com' },
      meta: { resourceType: 'Group' },
    });
  });

  it('keeps names unique per account, case-insensitively: 409 in the {code, message} style', async () => {
    const { displayName } = await createGroup();
    const response = await sim.call('POST', '/scim2/Groups', { body: groupBody(displayName.toUpperCase()) });
    expect(response.status).toBe(409);
    expect(response.body).toEqual({ code: 4132, message: `Group name already exists: ${displayName.toUpperCase()}.` });
  });

  it('refuses members that are not users of the account', async () => {
    const pendingId = ((await sim.control('GET', '/accounts/demo-account/state')).body.users as { id: string; state: string }[]).find(
      (user) => user.state === 'pending',
    )?.id;
    for (const value of ['AAAAAAAAAAAAAAAAAAAAAA', pendingId]) {
      const response = await sim.call('POST', '/scim2/Groups', { body: groupBody(`Bad ${(sequence += 1)}`, { members: [{ value }] }) });
      expect(response.status).toBe(400);
      expect(response.body).toEqual({ code: 1001, message: `User does not exist: ${value}.` });
    }
  });

  it('finds a group by displayName and gives an empty list for an unknown one', async () => {
    const { id, displayName } = await createGroup();
    const found = await sim.call('GET', `/scim2/Groups?filter=${encodeURIComponent(`displayName eq "${displayName}"`)}`);
    expect(found.status).toBe(200);
    expect(found.body).toMatchObject({ totalResults: 1, Resources: [{ id, displayName }] });
    expect(found.body.Resources[0]).not.toHaveProperty('members');
    const missing = await sim.call('GET', `/scim2/Groups?filter=${encodeURIComponent('displayName eq "Nobody"')}`);
    expect(missing.body).toMatchObject({ totalResults: 0, Resources: [] });
  });

  it('lists groups, the default group first', async () => {
    const response = await sim.call('GET', '/scim2/Groups?startIndex=1&count=100');
    expect(response.body.Resources[0].displayName).toBe('Default');
    expect(response.body.totalResults).toBe(response.body.Resources.length);
  });

  it('adds and removes members idempotently, renames along the way, and answers 204', async () => {
    const [first, second] = [await createUser(), await createUser()];
    const { id } = await createGroup();
    const add = await sim.call('PATCH', `/scim2/Groups/${id}`, { body: patch({ op: 'add', path: 'members', value: [{ value: first }, { value: second }] }) });
    expect(add.status).toBe(204);
    expect(add.body).toBeUndefined();
    await sim.call('PATCH', `/scim2/Groups/${id}`, { body: patch({ op: 'add', path: 'members', value: [{ value: first }] }) });
    expect(await memberIds(id)).toEqual([first, second]);

    const remove = patch({ op: 'remove', path: `members[value eq "${first}"]` }, { op: 'replace', value: { id, displayName: 'Renamed' } });
    expect((await sim.call('PATCH', `/scim2/Groups/${id}`, { body: remove })).status).toBe(204);
    expect((await sim.call('PATCH', `/scim2/Groups/${id}`, { body: remove })).status).toBe(204);
    const group = await sim.call('GET', `/scim2/Groups/${id}`);
    expect(group.body).toMatchObject({ displayName: 'Renamed', members: [{ value: second }] });
  });

  it('applies all of a PATCH or none of it', async () => {
    const member = await createUser();
    const { id, displayName } = await createGroup();
    const response = await sim.call('PATCH', `/scim2/Groups/${id}`, {
      body: patch({ op: 'replace', path: 'displayName', value: 'Half-done' }, { op: 'add', path: 'members', value: [{ value: member }, { value: 'nobody' }] }),
    });
    expect(response.status).toBe(400);
    expect((await sim.call('GET', `/scim2/Groups/${id}`)).body).toMatchObject({ displayName, members: [] });
  });

  it('refuses a rename to a name another group has', async () => {
    const taken = await createGroup();
    const { id } = await createGroup();
    const response = await sim.call('PATCH', `/scim2/Groups/${id}`, { body: patch({ op: 'replace', path: 'displayName', value: taken.displayName }) });
    expect(response.status).toBe(409);
  });

  it('drops a deleted user from its groups', async () => {
    const member = await createUser();
    const { id } = await createGroup({ members: [{ value: member }] });
    await sim.call('DELETE', `/scim2/Users/${member}`);
    expect(await memberIds(id)).toEqual([]);
  });

  it.each([
    { name: 'create', method: 'POST', path: () => '/scim2/Groups' },
    { name: 'update', method: 'PATCH', path: (id: string) => `/scim2/Groups/${id}` },
  ])('refuses a $name body over 100,000 characters', async ({ method, path }) => {
    const { id } = await createGroup();
    const padding = 'x'.repeat(100_001);
    const body = method === 'POST' ? groupBody(`Big ${(sequence += 1)}`, { description: padding }) : patch({ op: 'replace', path: 'displayName', value: padding });
    const response = await sim.call(method, path(id), { body });
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ code: 300, message: 'Request body too large' });
  });

  it('counts characters, not bytes, against the body limit', async () => {
    const name = `Ünïcödé ${(sequence += 1)} ${'é'.repeat(60_000)}`;
    const response = await sim.call('POST', '/scim2/Groups', { body: groupBody(name) });
    expect(response.status).toBe(201);
  });

  it('deletes a group (204, then 404) but never the default group', async () => {
    const { id } = await createGroup();
    expect((await sim.call('DELETE', `/scim2/Groups/${id}`)).status).toBe(204);
    const gone = await sim.call('GET', `/scim2/Groups/${id}`);
    expect(gone.status).toBe(404);
    expect(gone.body).toEqual({ code: 4130, message: `Group does not exist: ${id}.` });

    const list = await sim.call('GET', `/scim2/Groups?filter=${encodeURIComponent('displayName eq "Default"')}`);
    const defaultId = list.body.Resources[0].id as string;
    const refused = await sim.call('DELETE', `/scim2/Groups/${defaultId}`);
    expect(refused.status).toBe(400);
    expect(refused.body).toEqual({ code: 4131, message: 'Cannot delete account default group.' });
  });

  it('has no group PUT', async () => {
    const { id } = await createGroup();
    const response = await sim.call('PUT', `/scim2/Groups/${id}`, { body: groupBody('Replaced') });
    expect(response.status).toBe(405);
    expect(response.body.code).toBe(405);
    expect(response.headers.get('x-ratelimit-category')).toBeNull();
  });
});
