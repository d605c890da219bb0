import type { FilterTable } from './filter-sql.model';

/**
 * `ingest.scim_user AS r`: the columns Okta's lookups hit are real, indexed columns. The read-only
 * `groups` are the user's memberships (`groups[value eq "…"]`, `groups.display co "…"`).
 */
export const userFilterTable: FilterTable = {
  alias: 'r',
  jsonColumn: 'attributes',
  targets: {
    id: { kind: 'column', sql: 'r.id', type: 'uuid', nullable: false },
    userName: { kind: 'column', sql: 'r.user_name', type: 'text', nullable: false },
    externalId: { kind: 'column', sql: 'r.external_id', type: 'text', nullable: true },
    active: { kind: 'column', sql: 'r.active', type: 'boolean', nullable: false },
    'meta.created': { kind: 'column', sql: 'r.created_at', type: 'timestamp', nullable: false },
    'meta.lastModified': { kind: 'column', sql: 'r.updated_at', type: 'timestamp', nullable: false },
    groups: {
      kind: 'relation',
      from: `FROM "ingest"."scim_group_member" m JOIN "ingest"."scim_group" g ON g.tenant_id = m.tenant_id AND g.id = m.group_id
        WHERE m.tenant_id = r.tenant_id AND m.user_id = r.id`,
      subAttributes: { value: 'm.group_id::text', display: 'g.display_name' },
    },
  },
};

/** `ingest.scim_group AS r`, members as rows of `scim_group_member` (Entra asks `members[value eq "…"]`). */
export const groupFilterTable: FilterTable = {
  alias: 'r',
  jsonColumn: 'attributes',
  targets: {
    id: { kind: 'column', sql: 'r.id', type: 'uuid', nullable: false },
    displayName: { kind: 'column', sql: 'r.display_name', type: 'text', nullable: false },
    externalId: { kind: 'column', sql: 'r.external_id', type: 'text', nullable: true },
    'meta.created': { kind: 'column', sql: 'r.created_at', type: 'timestamp', nullable: false },
    'meta.lastModified': { kind: 'column', sql: 'r.updated_at', type: 'timestamp', nullable: false },
    members: {
      kind: 'relation',
      from: 'FROM "ingest"."scim_group_member" m WHERE m.tenant_id = r.tenant_id AND m.group_id = r.id',
      subAttributes: { value: 'm.user_id::text' },
    },
  },
};
