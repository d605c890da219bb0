import { SchemaUrns } from '@bridge/scim';
import { activePatch, userBody } from '../testing/user-bodies';
import { startSimTestApp, type SimTestApp } from '../testing/zoom-sim-test-app';

describe('Zoom SCIM2 user changes: PUT, PATCH, DELETE (HTTP)', () => {
  let sim: SimTestApp;
  let sequence = 0;

  beforeAll(async () => {
    sim = await startSimTestApp();
  });
  afterAll(async () => {
    await sim.close();
  });
  beforeEach(() => sim.clock.advance(1000));

  async function createUser(extra: Record<string, unknown> = {}): Promise<{ id: string; userName: string }> {
    const userName = `change${(sequence += 1)}@example.com`;
    const response = await sim.call('POST', '/scim2/Users', { body: userBody(userName, extra) });
    expect(response.status).toBe(201);
    return { id: response.body.id as string, userName };
  }

  async function seededId(userName: string): Promise<string> {
    const state = await sim.control('GET', '/accounts/demo-account/state');
    return (state.body.users as { id: string; userName: string }[]).find((user) => user.userName === userName)?.id ?? '';
  }

  describe('PUT (partial update)', () => {
    it('changes only the fields sent and answers 200 with the user', async () => {
      const { id, userName } = await createUser({ title: 'Analyst', [SchemaUrns.zoomUser]: { zoomPhone: true } });
      const response = await sim.call('PUT', `/scim2/Users/${id}`, {
        body: { schemas: [SchemaUrns.user], name: { familyName: 'King' }, [SchemaUrns.zoomUser]: { zoomWhiteboard: true } },
      });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        userName,
        title: 'Analyst',
        name: { givenName: 'Ada', familyName: 'King' },
        [SchemaUrns.zoomUser]: { zoomPhone: true, zoomWhiteboard: true },
      });
    });

    it('requires schemas', async () => {
      const { id } = await createUser();
      const response = await sim.call('PUT', `/scim2/Users/${id}`, { body: { title: 'x' } });
      expect(response.status).toBe(400);
      expect(response.body.detail).toBe('The field "schemas" is required.');
    });

    it('moves the userName to another associated domain, and the old email becomes free', async () => {
      const { id, userName } = await createUser();
      const moved = userName.replace('example.com', 'acme.test');
      const response = await sim.call('PUT', `/scim2/Users/${id}`, { body: { schemas: [SchemaUrns.user], userName: moved } });
      expect(response.status).toBe(200);
      expect(response.body.userName).toBe(moved);
      expect((await sim.call('POST', '/scim2/Users', { body: userBody(userName) })).status).toBe(201);
    });

    it.each([
      { name: 'a userName off the domains', change: { userName: 'ada@gmail.com' }, status: 400, detail: "Domain name doesn't match" },
      { name: 'an email off the domains', change: { emails: [{ value: 'ada@gmail.com' }] }, status: 400, detail: "Domain name doesn't match" },
      { name: 'a userName another user has', change: { userName: 'owner@example.com' }, status: 409, detail: 'User owner@example.com already exists.' },
    ])('refuses $name', async ({ change, status, detail }) => {
      const { id } = await createUser();
      const response = await sim.call('PUT', `/scim2/Users/${id}`, { body: { schemas: [SchemaUrns.user], ...change } });
      expect(response.status).toBe(status);
      expect(response.body.detail).toBe(detail);
    });

    it('deactivates with active: false, as Okta custom apps send', async () => {
      const { id } = await createUser();
      const response = await sim.call('PUT', `/scim2/Users/${id}`, { body: { schemas: [SchemaUrns.user], active: false } });
      expect(response.body.active).toBe(false);
    });
  });

  describe('PATCH (activate / deactivate only)', () => {
    it('deactivates and reactivates, answering 200 with the user; a deactivated user stays readable', async () => {
      const { id } = await createUser();
      const off = await sim.call('PATCH', `/scim2/Users/${id}`, { body: activePatch(false) });
      expect(off.status).toBe(200);
      expect(off.body.active).toBe(false);
      expect((await sim.call('GET', `/scim2/Users/${id}`)).body.active).toBe(false);
      const on = await sim.call('PATCH', `/scim2/Users/${id}`, { body: { schemas: [SchemaUrns.patchOp], Operations: [{ op: 'replace', path: 'active', value: true }] } });
      expect(on.body.active).toBe(true);
    });

    it.each([
      { name: 'lower-case operations', body: { schemas: [SchemaUrns.patchOp], operations: [{ op: 'replace', value: { active: false } }] } },
      { name: 'another attribute', body: { schemas: [SchemaUrns.patchOp], Operations: [{ op: 'replace', path: 'title', value: 'x' }] } },
      { name: 'no active', body: { schemas: [SchemaUrns.patchOp], Operations: [{ op: 'replace', value: {} }] } },
    ])("refuses $name with Zoom's wording", async ({ body }) => {
      const { id } = await createUser();
      const response = await sim.call('PATCH', `/scim2/Users/${id}`, { body });
      expect(response.status).toBe(400);
      expect(response.body).toEqual({ schemas: [SchemaUrns.error], detail: 'The request json did not contains valid active field.', status: 400 });
    });

    it.each(['owner@example.com', 'admin@example.com'])('will not deactivate the admin-type user %s', async (userName) => {
      const id = await seededId(userName);
      const response = await sim.call('PATCH', `/scim2/Users/${id}`, { body: activePatch(false) });
      expect(response.status).toBe(400);
      expect(response.body.detail).toBe('Admin type user cannot be deactivated.');
      const viaPut = await sim.call('PUT', `/scim2/Users/${id}`, { body: { schemas: [SchemaUrns.user], active: false } });
      expect(viaPut.status).toBe(400);
    });
  });

  describe('DELETE', () => {
    it('removes the user: 204, then 404, and the email can be created again', async () => {
      const { id, userName } = await createUser();
      const deleted = await sim.call('DELETE', `/scim2/Users/${id}`);
      expect(deleted.status).toBe(204);
      expect(deleted.body).toBeUndefined();
      expect((await sim.call('GET', `/scim2/Users/${id}`)).status).toBe(404);
      expect((await sim.call('POST', '/scim2/Users', { body: userBody(userName) })).status).toBe(201);
    });

    it('will not delete the account owner', async () => {
      const response = await sim.call('DELETE', `/scim2/Users/${await seededId('owner@example.com')}`);
      expect(response.status).toBe(400);
    });
  });
});
