import type { ScimUserSnapshot } from '@bridge/contracts';
import { mapUserToZoom } from './default-user-mapping.rules';

const base: ScimUserSnapshot = {
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
  id: 'u1',
  userName: 'Ada@Example.com',
  active: true,
  name: { givenName: 'Ada', familyName: 'Lovelace' },
  emails: [
    { value: 'ada.home@example.org', type: 'home', primary: false },
    { value: 'ada@example.com', type: 'work', primary: true },
  ],
};

describe('default user mapping', () => {
  it('maps an Okta user to the Zoom user shape', () => {
    const outcome = mapUserToZoom({
      ...base,
      title: 'Engineer',
      locale: 'en-US',
      phoneNumbers: [{ value: '+1 555 0100', type: 'mobile' }],
      'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': { department: 'R&D' },
    });
    expect(outcome).toEqual({
      ok: true,
      active: true,
      user: {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'],
        userName: 'ada@example.com',
        name: { givenName: 'Ada', familyName: 'Lovelace' },
        displayName: 'Ada Lovelace',
        emails: [{ value: 'ada@example.com', type: 'work', primary: true }],
        title: 'Engineer',
        locale: 'en-US',
        phoneNumbers: [{ value: '+1 555 0100', type: 'mobile' }],
        active: true,
        'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': { department: 'R&D' },
      },
    });
  });

  it.each([
    ['the primary work email', base.emails, 'ada@example.com'],
    ['a work email when none is primary', [{ value: 'w@example.com', type: 'work' }, { value: 'x@example.com' }], 'w@example.com'],
    ['the primary email when none is work', [{ value: 'p@example.com', primary: true }], 'p@example.com'],
    ['the userName when there are no emails', undefined, 'ada@example.com'],
  ])('chooses %s', (_label, emails, expected) => {
    const outcome = mapUserToZoom({ ...base, emails });
    expect(outcome.ok && (outcome.user['emails'] as { value: string }[])[0].value).toBe(expected);
  });

  it('carries a deactivation as active false', () => {
    const outcome = mapUserToZoom({ ...base, active: false });
    expect(outcome).toMatchObject({ ok: true, active: false, user: { active: false } });
  });

  it('leaves out attributes Okta did not send', () => {
    const outcome = mapUserToZoom({ schemas: [], id: 'u2', userName: 'b@example.com', active: true });
    expect(outcome.ok && Object.keys(outcome.user).sort()).toEqual(['active', 'emails', 'name', 'schemas', 'userName']);
  });

  it('rejects a userName that is not an email, naming the rule, attribute and value', () => {
    expect(mapUserToZoom({ ...base, userName: 'ada' })).toEqual({
      ok: false,
      rule: 'userName',
      attribute: 'userName',
      value: 'ada',
      reason: expect.stringContaining('not an email address'),
    });
  });
});
