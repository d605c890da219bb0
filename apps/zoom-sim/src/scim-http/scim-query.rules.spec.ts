import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, describeFilter, pageOf, parseEqualityFilter, readPaging } from './scim-query.rules';

describe('parseEqualityFilter', () => {
  it.each([
    { filter: 'userName eq "ada@example.com"', parsed: { attribute: 'userName', value: 'ada@example.com' } },
    { filter: 'USERNAME EQ "Ada@Example.com"', parsed: { attribute: 'USERNAME', value: 'Ada@Example.com' } },
    { filter: '  displayName eq "Sales \\"EMEA\\""  ', parsed: { attribute: 'displayName', value: 'Sales "EMEA"' } },
    { filter: 'displayName eq "back\\\\slash"', parsed: { attribute: 'displayName', value: 'back\\slash' } },
    { filter: 'displayName eq ""', parsed: { attribute: 'displayName', value: '' } },
  ])('reads $filter', ({ filter, parsed }) => {
    expect(parseEqualityFilter(filter)).toEqual(parsed);
  });

  it.each([
    'userName co "ada"',
    'userName eq ada@example.com',
    'userName eq "a" and active eq true',
    'emails[type eq "work"].value eq "a@b.c"',
    'userName eq "unterminated',
    '',
  ])('does not read %j', (filter) => {
    expect(parseEqualityFilter(filter)).toBeUndefined();
  });

  it('describes a repeated filter parameter', () => {
    expect(describeFilter(['a', 'b'])).toBe('["a","b"]');
  });
});

describe('readPaging', () => {
  it.each([
    { startIndex: undefined, count: undefined, paging: { startIndex: 1, count: DEFAULT_PAGE_SIZE } },
    { startIndex: '1', count: '100', paging: { startIndex: 1, count: 100 } },
    { startIndex: '101', count: '2', paging: { startIndex: 101, count: 2 } },
    { startIndex: '0', count: '10', paging: { startIndex: 1, count: 10 } },
    { startIndex: '-5', count: '-1', paging: { startIndex: 1, count: 0 } },
    { startIndex: 'abc', count: '1e3', paging: { startIndex: 1, count: DEFAULT_PAGE_SIZE } },
    { startIndex: '1', count: '5000', paging: { startIndex: 1, count: MAX_PAGE_SIZE } },
  ])('reads startIndex=$startIndex count=$count', ({ startIndex, count, paging }) => {
    expect(readPaging(startIndex, count)).toEqual(paging);
  });
});

describe('pageOf', () => {
  const items = ['a', 'b', 'c', 'd', 'e'];

  it.each([
    { startIndex: 1, count: 2, page: ['a', 'b'] },
    { startIndex: 4, count: 10, page: ['d', 'e'] },
    { startIndex: 6, count: 10, page: [] },
    { startIndex: 1, count: 0, page: [] },
  ])('gives startIndex $startIndex count $count', ({ startIndex, count, page }) => {
    expect(pageOf(items, { startIndex, count })).toEqual(page);
  });
});
