import { ScimError } from '@bridge/scim';
import { toScimUser, toUserWrite } from './scim-user.mapper';
import type { ScimUserEntity } from './scim-user.entity';

const oktaCreate = {
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
  userName: 'ada@example.com',
  name: { givenName: 'Ada', familyName: 'Lovelace' },
  emails: [{ primary: true, value: 'ada@example.com', type: 'work' }],
  displayName: 'Ada Lovelace',
  locale: 'en-US',
  externalId: '00u1abcd',
  groups: [],
  password: 'placeholder-from-okta',
  active: true,
};

describe('toUserWrite', () => {
  it('keeps profile attributes and drops the password, groups, id and meta Okta sends', () => {
    const write = toUserWrite({ ...oktaCreate, id: 'client-chosen', meta: { created: 'x' } });
    expect(write.userName).toBe('ada@example.com');
    expect(write.externalId).toBe('00u1abcd');
    expect(write.active).toBe(true);
    expect(write.attributes).toEqual({
      name: oktaCreate.name,
      emails: oktaCreate.emails,
      displayName: 'Ada Lovelace',
      locale: 'en-US',
    });
    expect(JSON.stringify(write)).not.toContain('placeholder-from-okta');
  });

  it('treats a missing active as active', () => {
    expect(toUserWrite({ userName: 'a@example.com' }).active).toBe(true);
  });

  it.each([
    ['a body that is not an object', []],
    ['a null body', null],
    ['a missing userName', { name: { givenName: 'A' } }],
    ['an empty userName', { userName: '  ' }],
    ['a numeric userName', { userName: 42 }],
    ['schemas that are not a list', { userName: 'a@example.com', schemas: 'urn:x' }],
    ['a numeric externalId', { userName: 'a@example.com', externalId: 7 }],
    ['an active that is not a boolean', { userName: 'a@example.com', active: 'maybe' }],
  ])('rejects %s with a 400', (_label, body) => {
    expect(() => toUserWrite(body)).toThrow(ScimError);
    try {
      toUserWrite(body);
    } catch (error) {
      expect((error as ScimError).status).toBe(400);
    }
  });
});

describe('toUserWrite for PUT', () => {
  it('ignores unknown attributes, renames attributes sent in another case and reads "True" as true', () => {
    const write = toUserWrite({ UserName: 'a@example.com', NAME: { GIVENNAME: 'A' }, favouriteColour: 'blue', active: 'True' });
    expect(write).toEqual({ userName: 'a@example.com', externalId: null, active: true, attributes: { name: { givenName: 'A' } } });
  });

  it('keeps the current active state when a PUT leaves it out', () => {
    expect(toUserWrite({ userName: 'a@example.com' }, false).active).toBe(false);
  });

  it('carries Zoom extension attributes it does not know yet', () => {
    const zoom = 'urn:ietf:params:scim:schemas:extension:zoom:1.0:User';
    expect(toUserWrite({ userName: 'a@example.com', [zoom]: { zoomUnited: true, zoomBrandNew: 'x' } }).attributes).toEqual({
      [zoom]: { zoomUnited: true, zoomBrandNew: 'x' },
    });
  });
});

describe('toScimUser', () => {
  it('returns the stored user with id, meta and extension schemas listed', () => {
    const created = new Date('2026-01-01T00:00:00.000Z');
    const entity: ScimUserEntity = {
      tenantId: 'acme',
      id: '5f0c6d8e-0000-4000-8000-000000000001',
      userName: 'ada@example.com',
      externalId: null,
      active: false,
      attributes: { 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': { department: 'R&D' } },
      version: 3,
      createdAt: created,
      updatedAt: created,
    };
    const user = toScimUser(entity, 'https://bridge.test/scim/v2');
    expect(user.schemas).toEqual([
      'urn:ietf:params:scim:schemas:core:2.0:User',
      'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
    ]);
    expect(user.active).toBe(false);
    expect(user.meta).toEqual({
      resourceType: 'User',
      created: created.toISOString(),
      lastModified: created.toISOString(),
      version: 'W/"3"',
      location: 'https://bridge.test/scim/v2/Users/5f0c6d8e-0000-4000-8000-000000000001',
    });
    expect('externalId' in user).toBe(false);
  });
});
