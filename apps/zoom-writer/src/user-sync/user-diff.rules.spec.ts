import { SchemaUrns } from '@bridge/scim';
import { activePatchBody, changedAttributes, putBody } from './user-diff.rules';

const applied = { userName: 'a@example.com', name: { givenName: 'Ada', familyName: 'Lovelace' }, title: 'Engineer' };

describe('changedAttributes', () => {
  it.each([
    ['nothing when the profile is the same, key order aside', { title: 'Engineer', name: { familyName: 'Lovelace', givenName: 'Ada' }, userName: 'a@example.com' }, {}],
    ['a changed scalar', { ...applied, title: 'CTO' }, { title: 'CTO' }],
    ['a changed sub-object, whole', { ...applied, name: { givenName: 'Ada', familyName: 'King' } }, { name: { givenName: 'Ada', familyName: 'King' } }],
    ['a new attribute', { ...applied, locale: 'en-GB' }, { locale: 'en-GB' }],
    ['never active or schemas', { ...applied, active: false, schemas: [SchemaUrns.user] }, {}],
  ])('sends %s', (_label, desired, expected) => {
    expect(changedAttributes(applied, desired)).toEqual(expected);
  });

  it('sends the whole profile when nothing is known of the Zoom user', () => {
    expect(changedAttributes(null, { ...applied, active: true })).toEqual(applied);
  });
});

describe('putBody', () => {
  it.each([
    [{ schemas: [SchemaUrns.user, SchemaUrns.enterpriseUser] }, [SchemaUrns.user, SchemaUrns.enterpriseUser]],
    [{}, [SchemaUrns.user]],
  ])('carries the schemas of %j', (desired, schemas) => {
    expect(putBody({ title: 'CTO' }, desired)).toEqual({ schemas, title: 'CTO' });
  });
});

describe('activePatchBody', () => {
  it('spells Operations exactly as Zoom requires', () => {
    expect(activePatchBody(false)).toEqual({ schemas: [SchemaUrns.patchOp], Operations: [{ op: 'replace', value: { active: false } }] });
  });
});
