import { SchemaUrns } from '@bridge/scim';
import { ZoomSimErrorCode } from '../scim-http/zoom-sim.exception';
import { thrownBy } from '../testing/thrown-by';
import { GROUP_BODY_LIMIT, assertGroupBodySize, readGroupCreate, readGroupPatch } from './group-body.rules';

const schemas = [SchemaUrns.patchOp];

describe('readGroupCreate', () => {
  it('reads the name, the members and the email alias', () => {
    expect(
      readGroupCreate({
        schemas: [SchemaUrns.group, SchemaUrns.zoomGroup],
        displayName: ' Sales ',
        members: [{ value: 'u1' }, { value: 'u2', display: 'Bo' }],
        [SchemaUrns.zoomGroup]: { emailAlias: 'sales@example.com' },
      }),
    ).toEqual({ displayName: 'Sales', memberIds: ['u1', 'u2'], emailAlias: 'sales@example.com' });
  });

  it.each([
    { name: 'no schemas', body: { displayName: 'Sales' }, message: 'The field "schemas" is required.' },
    { name: 'no displayName', body: { schemas: [SchemaUrns.group] }, message: 'The field "displayName" is required.' },
    { name: 'a blank displayName', body: { schemas: [SchemaUrns.group], displayName: '  ' }, message: 'The field "displayName" is required.' },
    { name: 'members without values', body: { schemas: [SchemaUrns.group], displayName: 'S', members: ['u1'] }, message: 'The field "members" must be a list of {"value": "<user id>"}.' },
  ])('refuses $name', ({ body, message }) => {
    const error = thrownBy(() => readGroupCreate(body));
    expect({ code: error.code, detail: error.detail }).toEqual({ code: ZoomSimErrorCode.GROUP_INVALID, detail: message });
  });
});

describe('readGroupPatch', () => {
  it.each([
    {
      name: "Okta's member removal by filter",
      operations: [{ op: 'remove', path: 'members[value eq "u1"]' }],
      changes: [{ kind: 'remove-members', ids: ['u1'] }],
    },
    {
      name: "Okta's member add",
      operations: [{ op: 'add', path: 'members', value: [{ value: 'u1' }, { value: 'u2' }] }],
      changes: [{ kind: 'add-members', ids: ['u1', 'u2'] }],
    },
    {
      name: "Okta's pathless rename that rides along with every membership change",
      operations: [{ op: 'replace', value: { id: 'g1', displayName: 'Sales' } }],
      changes: [{ kind: 'rename', displayName: 'Sales' }],
    },
    {
      name: 'Entra-style capitalised ops and a remove with a value list',
      operations: [{ op: 'Remove', path: 'members', value: [{ value: 'u3' }] }, { op: 'Add', path: 'members', value: [{ value: 'u4' }] }],
      changes: [{ kind: 'remove-members', ids: ['u3'] }, { kind: 'add-members', ids: ['u4'] }],
    },
    { name: 'a remove of all members', operations: [{ op: 'remove', path: 'members' }], changes: [{ kind: 'remove-all-members' }] },
    {
      name: 'a replace of the whole member list',
      operations: [{ op: 'replace', path: 'members', value: [{ value: 'u5' }] }],
      changes: [{ kind: 'replace-members', ids: ['u5'] }],
    },
    { name: 'a rename by path', operations: [{ op: 'replace', path: 'displayName', value: 'Ops' }], changes: [{ kind: 'rename', displayName: 'Ops' }] },
    {
      name: 'the email alias by its extension path',
      operations: [{ op: 'replace', path: `${SchemaUrns.zoomGroup}:emailAlias`, value: 'ops@example.com' }],
      changes: [{ kind: 'set-email-alias', emailAlias: 'ops@example.com' }],
    },
    {
      name: 'the email alias in a pathless value',
      operations: [{ op: 'replace', value: { [SchemaUrns.zoomGroup]: { emailAlias: 'ops@example.com' } } }],
      changes: [{ kind: 'set-email-alias', emailAlias: 'ops@example.com' }],
    },
  ])('reads $name', ({ operations, changes }) => {
    expect(readGroupPatch({ schemas, Operations: operations })).toEqual(changes);
  });

  it.each([
    { name: 'no Operations', body: { schemas }, message: 'The field "Operations" is required.' },
    { name: 'lower-case operations', body: { schemas, operations: [{ op: 'add', path: 'members', value: [] }] }, message: 'The field "Operations" is required.' },
    { name: 'an unknown op', body: { schemas, Operations: [{ op: 'move', path: 'members' }] }, message: 'Unsupported operation: move members' },
    { name: 'an unknown path', body: { schemas, Operations: [{ op: 'replace', path: 'description', value: 'x' }] }, message: 'Unsupported operation: replace description' },
    { name: 'no schemas', body: { Operations: [{ op: 'remove', path: 'members' }] }, message: 'The field "schemas" is required.' },
  ])('refuses $name', ({ body, message }) => {
    const error = thrownBy(() => readGroupPatch(body));
    expect({ code: error.code, detail: error.detail }).toEqual({ code: ZoomSimErrorCode.GROUP_INVALID, detail: message });
  });
});

describe('assertGroupBodySize', () => {
  it.each([
    { chars: 0, refused: false },
    { chars: GROUP_BODY_LIMIT, refused: false },
    { chars: GROUP_BODY_LIMIT + 1, refused: true },
  ])('refuses a $chars-character body: $refused', ({ chars, refused }) => {
    if (refused) {
      expect(thrownBy(() => assertGroupBodySize(chars)).code).toBe(ZoomSimErrorCode.BODY_TOO_LARGE);
    } else {
      expect(() => assertGroupBodySize(chars)).not.toThrow();
    }
  });
});
