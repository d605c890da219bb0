import { SchemaUrns } from '@bridge/scim';
import { ZoomSimErrorCode } from '../scim-http/zoom-sim.exception';
import { thrownBy } from '../testing/thrown-by';
import { readActivePatch } from './user-patch.rules';

const schemas = [SchemaUrns.patchOp];

describe('readActivePatch', () => {
  it.each([
    { name: 'Okta catalog deactivation (value object, no path)', body: { schemas, Operations: [{ op: 'replace', value: { active: false } }] }, active: false },
    { name: 'reactivation', body: { schemas, Operations: [{ op: 'replace', value: { active: true } }] }, active: true },
    { name: 'path "active" with a boolean value', body: { schemas, Operations: [{ op: 'replace', path: 'active', value: false }] }, active: false },
    { name: 'a capitalised op', body: { schemas, Operations: [{ op: 'Replace', value: { active: false } }] }, active: false },
    {
      name: 'several operations (the last wins)',
      body: { schemas, Operations: [{ op: 'replace', value: { active: false } }, { op: 'replace', path: 'active', value: true }] },
      active: true,
    },
  ])('accepts $name', ({ body, active }) => {
    expect(readActivePatch(body)).toBe(active);
  });

  it.each([
    { name: '`operations` in lower case', body: { schemas, operations: [{ op: 'replace', value: { active: false } }] } },
    { name: 'no schemas', body: { Operations: [{ op: 'replace', value: { active: false } }] } },
    { name: 'empty Operations', body: { schemas, Operations: [] } },
    { name: 'a value without active', body: { schemas, Operations: [{ op: 'replace', value: { displayName: 'x' } }] } },
    { name: 'another attribute beside active', body: { schemas, Operations: [{ op: 'replace', value: { active: false, title: 'x' } }] } },
    { name: 'active as a string', body: { schemas, Operations: [{ op: 'replace', value: { active: 'False' } }] } },
    { name: 'another path', body: { schemas, Operations: [{ op: 'replace', path: 'title', value: 'x' }] } },
    { name: 'an add op', body: { schemas, Operations: [{ op: 'add', value: { active: false } }] } },
    { name: 'a body that is not an object', body: 'active=false' },
    { name: 'no body', body: undefined },
  ])('refuses $name with Zoom\'s "did not contains valid active field"', ({ body }) => {
    expect(thrownBy(() => readActivePatch(body)).code).toBe(ZoomSimErrorCode.INVALID_ACTIVE_PATCH);
  });
});
