import { ScimError, groupResourceType, parseScimFilter, userResourceType } from '@bridge/scim';
import { SqlParameters } from './filter-sql.model';
import { filterToSql } from './filter-sql.rules';
import { groupFilterTable, userFilterTable } from './resource-tables';

function userSql(filter: string): { sql: string; values: unknown[] } {
  const params = new SqlParameters();
  const sql = filterToSql(parseScimFilter(filter), userResourceType, userFilterTable, params);
  return { sql, values: params.values };
}

describe('filterToSql', () => {
  it.each([
    // The lookup Okta sends on every assignment must hit the (tenant_id, lower(user_name)) index: no COALESCE around it.
    ['userName eq "Ada@Example.com"', 'lower(r.user_name) = lower($1::text)', ['Ada@Example.com']],
    ['externalId eq "00u1"', 'COALESCE(r.external_id = $1::text, false)', ['00u1']],
    ['active eq false', 'r.active = $1::boolean', [false]],
    ['id eq "not-a-uuid"', 'FALSE', []],
    ['meta.lastModified gt "2026-01-01T00:00:00Z"', 'r.updated_at > $1::timestamptz', ['2026-01-01T00:00:00.000Z']],
    ['title pr', `COALESCE(r.attributes -> $1::text NOT IN ('null'::jsonb, '""'::jsonb, '[]'::jsonb, '{}'::jsonb), false)`, ['title']],
    ['userName ne "a"', '(NOT lower(r.user_name) = lower($1::text))', ['a']],
    ['name.givenName sw "Ad"', 'COALESCE(starts_with(lower(r.attributes -> $1::text ->> $2::text), lower($3::text)), false)', ['name', 'givenName', 'Ad']],
  ])('translates %s', (filter, sql, values) => {
    expect(userSql(filter)).toEqual({ sql, values });
  });

  it('puts every value in a parameter, never in the SQL text', () => {
    const { sql, values } = userSql(`userName eq "x'; DROP TABLE ingest.scim_user; --" or emails[value co "' OR 1=1"]`);
    expect(sql).not.toContain('DROP');
    expect(sql).not.toContain('1=1');
    expect(values).toContain("x'; DROP TABLE ingest.scim_user; --");
  });

  it('reads members[value eq] through the membership table', () => {
    const params = new SqlParameters();
    const sql = filterToSql(parseScimFilter('members[value eq "u1"]'), groupResourceType, groupFilterTable, params);
    expect(sql).toBe('EXISTS (SELECT 1 FROM "ingest"."scim_group_member" m WHERE m.tenant_id = r.tenant_id AND m.group_id = r.id AND m.user_id::text = $1::text)');
  });

  it.each([
    ['shoeSize eq "42"'],
    ['userName eq 42'],
    ['active eq "maybe"'],
    ['active gt true'],
    ['name eq "Ada"'],
    ['meta.created co "2026"'],
    ['meta.created gt "yesterday"'],
    ['emails[nope eq "x"]'],
    ['urn:example:unknown:1.0:User:thing eq "x"'],
    ['userName gt null'],
  ])('refuses %s with invalidFilter', (filter) => {
    expect(() => userSql(filter)).toThrow(expect.objectContaining({ scimType: 'invalidFilter' }));
    expect(() => userSql(filter)).toThrow(ScimError);
  });
});
