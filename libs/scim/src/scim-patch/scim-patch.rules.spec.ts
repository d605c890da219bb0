import { ScimError } from '../scim-error';
import { SchemaUrns } from '../schema-urns';
import { groupResourceType, userResourceType } from '../scim-schemas/resource-types';
import { readPatchOperations } from './patch-operations.rules';
import { applyPatch } from './scim-patch.rules';

const user = {
  userName: 'ada@example.com',
  active: true,
  name: { givenName: 'Ada', familyName: 'Lovelace' },
  emails: [
    { value: 'ada@example.com', type: 'work', primary: true },
    { value: 'ada@home.test', type: 'home' },
  ],
  [SchemaUrns.enterpriseUser]: { department: 'Maths' },
};

const patchUser = (...operations: unknown[]) => applyPatch(userResourceType, user, readPatchOperations({ Operations: operations }));
const group = { displayName: 'Engineers', members: [{ value: 'u1' }, { value: 'u2' }] };
const patchGroup = (...operations: unknown[]) => applyPatch(groupResourceType, group, readPatchOperations({ Operations: operations }));

describe('applyPatch on users', () => {
  it.each([
    ['deactivates with a no-path replace (Okta)', [{ op: 'replace', value: { active: false } }], { active: false }],
    ['reads active sent as the string "False" (Entra)', [{ op: 'Replace', path: 'active', value: 'False' }], { active: false }],
    ['replaces a sub-attribute', [{ op: 'replace', path: 'name.givenName', value: 'Augusta' }], { name: { givenName: 'Augusta', familyName: 'Lovelace' } }],
    ['matches attribute names in any case', [{ op: 'REPLACE', path: 'NAME.GIVENNAME', value: 'A' }], { name: { givenName: 'A', familyName: 'Lovelace' } }],
    [
      'replaces through a value filter',
      [{ op: 'replace', path: 'emails[type eq "work"].value', value: 'ada@new.test' }],
      { emails: [{ value: 'ada@new.test', type: 'work', primary: true }, user.emails[1]] },
    ],
    [
      'creates the element a value-filter add describes when none matches (Entra)',
      [{ op: 'Add', path: 'phoneNumbers[type eq "mobile"].value', value: '+1 555' }],
      { phoneNumbers: [{ type: 'mobile', value: '+1 555' }] },
    ],
    ['removes through a value filter', [{ op: 'remove', path: 'emails[type eq "home"]' }], { emails: [user.emails[0]] }],
    [
      'sets a URN-qualified extension attribute',
      [{ op: 'replace', path: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department', value: 'R&D' }],
      { [SchemaUrns.enterpriseUser]: { department: 'R&D' } },
    ],
    [
      'reads URN-qualified keys in a no-path value (Entra)',
      [{ op: 'add', value: { 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager': { value: 'm1' }, 'name.familyName': 'Byron' } }],
      { [SchemaUrns.enterpriseUser]: { department: 'Maths', manager: { value: 'm1' } }, name: { givenName: 'Ada', familyName: 'Byron' } },
    ],
    [
      'carries a Zoom licence flag it does not know yet',
      [{ op: 'add', path: `${SchemaUrns.zoomUser}:zoomNewThing`, value: true }],
      { [SchemaUrns.zoomUser]: { zoomNewThing: true } },
    ],
    ['adds to a multi-valued attribute without duplicating', [{ op: 'add', path: 'emails', value: [{ value: 'ADA@example.com', type: 'work' }].map((email) => ({ ...email, value: email.value.toLowerCase() })) }], { emails: user.emails }],
    ['removes an attribute', [{ op: 'remove', path: 'name' }], { name: undefined }],
    ['ignores unknown attributes, the password and read-only ones in a no-path value', [{ op: 'replace', value: { nope: 1, password: 'x', id: 'other', groups: [] } }], {}],
  ])('%s', (_name, operations, expected) => {
    const result = patchUser(...operations);
    expect(result).toEqual(JSON.parse(JSON.stringify({ ...user, ...expected })));
  });

  it.each([
    [[{ op: 'remove' }], 'noTarget'],
    [[{ op: 'replace', path: 'id', value: 'x' }], 'mutability'],
    [[{ op: 'replace', path: 'active', value: 'maybe' }], 'invalidValue'],
    [[{ op: 'replace', path: 'name', value: 'a string' }], 'invalidValue'],
    [[{ op: 'copy', path: 'active', value: true }], 'invalidSyntax'],
    [[{ op: 'replace', path: 'emails[type eq "work"', value: 'x' }], 'invalidPath'],
    [[{ op: 'replace', path: 'emails[type ne "work"].value', value: 'x' }], undefined],
  ])('refuses %j with %s', (operations, scimType) => {
    const attempt = (): unknown => patchUser(...operations);
    if (scimType === undefined) {
      expect(attempt).not.toThrow();
      return;
    }
    expect(attempt).toThrow(ScimError);
    expect(() => patchUser(...operations)).toThrow(expect.objectContaining({ scimType }));
  });
});

describe('applyPatch on groups: every membership shape Okta and Entra send', () => {
  it.each([
    ['adds an array to members', [{ op: 'add', path: 'members', value: [{ value: 'u3' }, { value: 'u1' }] }], ['u1', 'u2', 'u3']],
    ['removes members[value eq "id"] with no value', [{ op: 'remove', path: 'members[value eq "u1"]' }], ['u2']],
    ['removes path members with a value array (Entra)', [{ op: 'Remove', path: 'members', value: [{ value: 'u2' }, { value: 'u9' }] }], ['u1']],
    ['replaces all members', [{ op: 'replace', path: 'members', value: [{ value: 'u7' }] }], ['u7']],
    ['replaces members with an empty array', [{ op: 'replace', path: 'members', value: [] }], []],
    ['removes all members with path members and no value', [{ op: 'remove', path: 'members' }], []],
    ['treats removing a missing member as done', [{ op: 'remove', path: 'members[value eq "nobody"]' }], ['u1', 'u2']],
    [
      'applies a rename riding along with a membership change (Okta)',
      [
        { op: 'replace', value: { id: 'g1', displayName: 'Engineers' } },
        { op: 'remove', path: 'members[value eq "u2"]' },
        { op: 'add', path: 'members', value: [{ value: 'u4', display: 'd@x' }] },
      ],
      ['u1', 'u4'],
    ],
  ])('%s', (_name, operations, members) => {
    const result = patchGroup(...operations);
    expect(((result['members'] as { value: string }[] | undefined) ?? []).map((member) => member.value)).toEqual(members);
    expect(result['displayName']).toBe('Engineers');
  });

  it('renames with a no-path replace carrying the id', () => {
    expect(patchGroup({ op: 'replace', value: { id: 'g1', displayName: 'Builders' } })['displayName']).toBe('Builders');
  });
});
