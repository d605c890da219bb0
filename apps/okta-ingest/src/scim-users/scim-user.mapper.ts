import { SchemaUrns, ScimError, canonicalResource, isObject, toBoolean, userResourceType, type ScimObject, type ScimUser } from '@bridge/scim';
import type { ScimUserEntity } from './scim-user.entity';

export interface UserWrite {
  userName: string;
  externalId: string | null;
  active: boolean;
  attributes: Record<string, unknown>;
}

/**
 * A POST or PUT body as stored: known attributes under their canonical names, extensions under
 * their URN; unknown and read-only attributes and the password are dropped here. On PUT an omitted
 * `active` keeps the current state: PUT replaces attributes, but a missing flag must not reactivate.
 */
export function toUserWrite(body: unknown, currentActive = true): UserWrite {
  if (!isObject(body)) {
    throw new ScimError(400, 'The request body must be a JSON object describing a SCIM User.', 'invalidSyntax');
  }
  const schemas = body['schemas'];
  if (schemas !== undefined && (!Array.isArray(schemas) || !schemas.every((schema) => typeof schema === 'string'))) {
    throw new ScimError(400, 'The attribute "schemas" must be an array of schema URNs.', 'invalidValue');
  }
  const resource = canonicalResource(userResourceType, body);
  return fromUserResource({ active: currentActive, ...resource });
}

/** The stored user as one SCIM object, the form the PATCH engine works on. */
export function userResource(entity: Pick<ScimUserEntity, 'userName' | 'externalId' | 'active' | 'attributes'>): ScimObject {
  return {
    ...entity.attributes,
    userName: entity.userName,
    active: entity.active,
    ...(entity.externalId === null ? {} : { externalId: entity.externalId }),
  };
}

export function fromUserResource(resource: ScimObject): UserWrite {
  const { userName, externalId, active, ...attributes } = resource;
  if (typeof userName !== 'string' || userName.trim() === '') {
    throw new ScimError(400, 'The attribute "userName" is required and must be a non-empty string (usually the email address).', 'invalidValue');
  }
  if (externalId !== undefined && typeof externalId !== 'string') {
    throw new ScimError(400, 'The attribute "externalId" must be a string.', 'invalidValue');
  }
  return {
    userName: userName.trim(),
    externalId: externalId ?? null,
    active: active === undefined ? true : toBoolean(active, 'active'),
    attributes,
  };
}

/** A group the user is a member of, as read with the user (`USER_GROUPS_SQL`). */
export interface UserGroupRow {
  value: string;
  display: string;
}

/**
 * The user's memberships as a JSON array (or null), a column of a query over `scim_user AS r`.
 * Memberships only ever form through /Groups; they are read-only on the user.
 */
export const USER_GROUPS_SQL = `(SELECT json_agg(json_build_object('value', g.id, 'display', g.display_name) ORDER BY lower(g.display_name), g.id)
    FROM "ingest"."scim_group_member" m JOIN "ingest"."scim_group" g ON g.tenant_id = m.tenant_id AND g.id = m.group_id
    WHERE m.tenant_id = r.tenant_id AND m.user_id = r.id) AS member_of`;

/** The `member_of` column of a row read with `USER_GROUPS_SQL`. */
export function userGroupsFromRow(row: Record<string, unknown>): UserGroupRow[] {
  const groups = row['member_of'];
  return Array.isArray(groups) ? (groups as UserGroupRow[]) : [];
}

/**
 * The stored user as SCIM. `groups` are given only where they were read: the events published
 * downstream carry the user's own attributes, memberships travel as group changes.
 */
export function toScimUser(entity: ScimUserEntity, baseUrl: string, groups: readonly UserGroupRow[] = []): ScimUser {
  const extensionSchemas = Object.keys(entity.attributes).filter((key) => key.startsWith('urn:'));
  return {
    schemas: [SchemaUrns.user, ...extensionSchemas],
    id: entity.id,
    ...(entity.externalId === null ? {} : { externalId: entity.externalId }),
    userName: entity.userName,
    ...entity.attributes,
    active: entity.active,
    ...(groups.length === 0
      ? {}
      : { groups: groups.map((group) => ({ value: group.value, $ref: `${baseUrl}/Groups/${group.value}`, display: group.display, type: 'direct' as const })) }),
    meta: {
      resourceType: 'User',
      created: entity.createdAt.toISOString(),
      lastModified: entity.updatedAt.toISOString(),
      version: `W/"${entity.version}"`,
      location: `${baseUrl}/Users/${entity.id}`,
    },
  };
}

/** A row read with raw SQL (snake_case columns) as the entity. */
export function userFromRow(row: Record<string, unknown>): ScimUserEntity {
  return {
    tenantId: row['tenant_id'] as string,
    id: row['id'] as string,
    userName: row['user_name'] as string,
    externalId: (row['external_id'] as string | null) ?? null,
    active: row['active'] as boolean,
    attributes: row['attributes'] as Record<string, unknown>,
    version: row['version'] as number,
    createdAt: new Date(row['created_at'] as string),
    updatedAt: new Date(row['updated_at'] as string),
  };
}
