import { ScimError } from '@bridge/scim';
import { parseUserFilter } from './user-filter.rules';

describe('parseUserFilter', () => {
  it.each([
    [undefined, { kind: 'all' }],
    ['', { kind: 'all' }],
    ['userName eq "ada@example.com"', { kind: 'userNameEquals', userName: 'ada@example.com' }],
    ['USERNAME EQ "ADA@EXAMPLE.COM"', { kind: 'userNameEquals', userName: 'ADA@EXAMPLE.COM' }],
    ['userName eq "quote\\"d@example.com"', { kind: 'userNameEquals', userName: 'quote"d@example.com' }],
  ])('reads %p', (filter, expected) => {
    expect(parseUserFilter(filter)).toEqual(expected);
  });

  it.each([
    ['userName eq ada@example.com'],
    ['userName eq "a" or 1 eq 1'],
    ['userName sw "a"'],
    ['garbage'],
    ['userName eq "' + 'a'.repeat(2000) + '"'],
  ])('refuses %p with invalidFilter instead of answering every user', (filter) => {
    expect(() => parseUserFilter(filter)).toThrow(ScimError);
    try {
      parseUserFilter(filter);
    } catch (error) {
      expect((error as ScimError).scimType).toBe('invalidFilter');
    }
  });
});
