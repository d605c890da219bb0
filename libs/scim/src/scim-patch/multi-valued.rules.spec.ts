import type { ScimAttribute } from '../scim-schemas/scim-schema.model';
import { addValues, removeValues, sameElement } from './multi-valued.rules';

const members = { name: 'members', type: 'complex', multiValued: true, subAttributes: [{ name: 'value', type: 'string', caseExact: true }] } as unknown as ScimAttribute;
const emails = { name: 'emails', type: 'complex', multiValued: true, subAttributes: [{ name: 'value', type: 'string', caseExact: false }] } as unknown as ScimAttribute;
const tags = { name: 'tags', type: 'string', multiValued: true } as unknown as ScimAttribute;

describe('multi-valued attributes', () => {
  it.each([
    ['the same value, other sub-attributes aside', { value: 'u1', display: 'A' }, { value: 'u1' }, members, true],
    ['values differing in case, caseExact', { value: 'U1' }, { value: 'u1' }, members, false],
    ['values differing in case, not caseExact', { value: 'Ada@Example.com', type: 'work' }, { value: 'ada@example.com' }, emails, true],
    ['one with a value, one without', { value: 'u1' }, { display: 'u1' }, members, false],
    ['objects without a value, their keys in another order (compared as written)', { type: 'work', display: 'x' }, { display: 'x', type: 'work' }, members, false],
    ['equal objects without a value', { display: 'x' }, { display: 'x' }, members, true],
    ['equal simple values', 'a', 'a', tags, true],
    ['simple values differing in case (deep equality)', 'a', 'A', emails, false],
  ])('%s', (_name, left, right, attribute, same) => {
    expect(sameElement(left, right, attribute)).toBe(same);
  });

  it('adds only what is not there, merges what is, and keeps the order', () => {
    const current = [{ value: 'u1' }, { value: 'u2', display: 'Two' }];
    expect(addValues(current, [{ value: 'u3' }, { value: 'u2', display: 'Deux' }, { value: 'u3' }], members)).toEqual([
      { value: 'u1' },
      { value: 'u2', display: 'Deux' },
      { value: 'u3' },
    ]);
  });

  it('demotes the old primary when a new one is added', () => {
    const current = [{ value: 'a@x.test', primary: true }];
    expect(addValues(current, { value: 'b@x.test', primary: true }, emails)).toEqual([
      { value: 'a@x.test', primary: false },
      { value: 'b@x.test', primary: true },
    ]);
  });

  it('removes every element with a removed value, and nothing when the value is absent', () => {
    const current = [{ value: 'A@x.test' }, { value: 'b@x.test' }];
    expect(removeValues(current, [{ value: 'a@X.test' }], emails)).toEqual([{ value: 'b@x.test' }]);
    expect(removeValues(current, [{ value: 'c@x.test' }], emails)).toEqual(current);
    expect(removeValues([{ value: 'u1' }], { value: 'u1' }, members)).toBeUndefined();
  });

  it('finds each of 20,000 members by its value (a large group stays cheap to change)', () => {
    const current = Array.from({ length: 20_000 }, (_, index) => ({ value: `u${index}` }));
    const added = addValues(current, [{ value: 'u19999' }, { value: 'new' }], members);
    expect(added).toHaveLength(20_001);
    expect(removeValues(added, [{ value: 'u0' }, { value: 'new' }], members)).toHaveLength(19_999);
  });
});
