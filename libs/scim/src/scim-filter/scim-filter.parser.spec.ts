import { ScimError } from '../scim-error';
import { parsePatchPath, parseScimFilter } from './scim-filter.parser';

const cmp = (attribute: string, op: string, value: unknown, extra: Record<string, string> = {}) => ({
  kind: 'compare',
  path: { attribute, ...extra },
  op,
  value,
});

function scimTypeOf(work: () => unknown): string | undefined {
  try {
    work();
  } catch (error) {
    return error instanceof ScimError ? error.scimType : 'not a ScimError';
  }
  return undefined;
}

describe('parseScimFilter', () => {
  it.each([
    ['userName eq "ada@example.com"', cmp('userName', 'eq', 'ada@example.com')],
    ['USERNAME EQ "ADA@EXAMPLE.COM"', cmp('USERNAME', 'eq', 'ADA@EXAMPLE.COM')],
    ['userName eq "quote\\"d"', cmp('userName', 'eq', 'quote"d')],
    ['title pr', { kind: 'present', path: { attribute: 'title' } }],
    ['name.familyName co "O\'Ma"', cmp('name', 'co', "O'Ma", { subAttribute: 'familyName' })],
    ['meta.lastModified gt "2011-05-13T04:42:34Z"', cmp('meta', 'gt', '2011-05-13T04:42:34Z', { subAttribute: 'lastModified' })],
    ['active eq True', cmp('active', 'eq', true)],
    ['x eq null', cmp('x', 'eq', null)],
    ['x ge 42.5', cmp('x', 'ge', 42.5)],
    [
      'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value eq "m1"',
      cmp('manager', 'eq', 'm1', { urn: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User', subAttribute: 'value' }),
    ],
    ['a eq "1" or b eq "2" and c eq "3"', { kind: 'or', left: cmp('a', 'eq', '1'), right: { kind: 'and', left: cmp('b', 'eq', '2'), right: cmp('c', 'eq', '3') } }],
    ['(a eq "1" or b eq "2") and c eq "3"', { kind: 'and', left: { kind: 'or', left: cmp('a', 'eq', '1'), right: cmp('b', 'eq', '2') }, right: cmp('c', 'eq', '3') }],
    ['not (a eq "1")', { kind: 'not', filter: cmp('a', 'eq', '1') }],
    [
      'emails[type eq "work" and value co "@x.com"]',
      { kind: 'valuePath', path: { attribute: 'emails' }, filter: { kind: 'and', left: cmp('type', 'eq', 'work'), right: cmp('value', 'co', '@x.com') } },
    ],
  ])('reads %s', (filter, expected) => {
    expect(parseScimFilter(filter)).toEqual(expected);
  });

  it.each([
    ['userName eq ada@example.com'],
    ['userName eq'],
    ['userName zz "a"'],
    ['userName eq "a" or'],
    ['userName eq "a" garbage'],
    ['(userName eq "a"'],
    ['not userName eq "a"'],
    ['emails[type eq "work"'],
    ['emails[types[x eq "a"] eq "b"]'],
    ['emails[type eq "work"].value eq "a"'],
    ['"a" eq userName'],
    ['userName eq "unterminated'],
    ['userName eq "bad \\q escape"'],
    [''],
    ['   '],
    ['userName eq "' + 'a'.repeat(3000) + '"'],
    ['('.repeat(40) + 'a pr' + ')'.repeat(40)],
    [Array.from({ length: 80 }, (_, i) => `a${i} pr`).join(' or ')],
  ])('refuses %s with invalidFilter', (filter) => {
    expect(scimTypeOf(() => parseScimFilter(filter))).toBe('invalidFilter');
  });
});

describe('parsePatchPath', () => {
  it.each([
    ['active', { path: { attribute: 'active' } }],
    ['name.givenName', { path: { attribute: 'name', subAttribute: 'givenName' } }],
    ['members[value eq "2819c223"]', { path: { attribute: 'members' }, filter: cmp('value', 'eq', '2819c223') }],
    ['emails[type eq "work"].value', { path: { attribute: 'emails' }, filter: cmp('type', 'eq', 'work'), subAttribute: 'value' }],
    [
      'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department',
      { path: { urn: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User', attribute: 'department' } },
    ],
  ])('reads %s', (path, expected) => {
    expect(parsePatchPath(path)).toEqual(expected);
  });

  it.each([['members[value eq "a"'], ['name.givenName.x'], ['emails[type eq "work"].'], ['a b']])('refuses %s with invalidPath', (path) => {
    expect(scimTypeOf(() => parsePatchPath(path))).toBe('invalidPath');
  });
});
