import { SchemaUrns, ScimError, canonicalResource, groupResourceType, isObject, type ScimGroup, type ScimObject } from '@bridge/scim';

export interface GroupRow {
  tenantId: string;
  id: string;
  displayName: string;
  externalId: string | null;
  attributes: Record<string, unknown>;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface StoredMember {
  value: string;
  display: string;
}

/** What a POST/PUT/PATCH leaves of a group: its name, extensions and member ids. */
export interface GroupWrite {
  displayName: string;
  externalId: string | null;
  attributes: Record<string, unknown>;
  memberIds: string[];
}

export function groupFromRow(row: Record<string, unknown>): GroupRow {
  return {
    tenantId: row['tenant_id'] as string,
    id: row['id'] as string,
    displayName: row['display_name'] as string,
    externalId: (row['external_id'] as string | null) ?? null,
    attributes: row['attributes'] as Record<string, unknown>,
    version: row['version'] as number,
    createdAt: new Date(row['created_at'] as string),
    updatedAt: new Date(row['updated_at'] as string),
  };
}

export function toGroupWrite(body: unknown): GroupWrite {
  if (!isObject(body)) {
    throw new ScimError(400, 'The request body must be a JSON object describing a SCIM Group.', 'invalidSyntax');
  }
  return fromGroupResource(canonicalResource(groupResourceType, body));
}

/** The stored group as one SCIM object, the form the PATCH engine works on. */
export function groupResource(group: GroupRow, memberIds: readonly string[]): ScimObject {
  return {
    ...group.attributes,
    displayName: group.displayName,
    ...(group.externalId === null ? {} : { externalId: group.externalId }),
    ...(memberIds.length === 0 ? {} : { members: memberIds.map((value) => ({ value })) }),
  };
}

export function fromGroupResource(resource: ScimObject): GroupWrite {
  const { displayName, externalId, members, ...attributes } = resource;
  if (typeof displayName !== 'string' || displayName.trim() === '') {
    throw new ScimError(400, 'The attribute "displayName" is required and must be a non-empty string.', 'invalidValue');
  }
  const memberIds: string[] = [];
  for (const [index, member] of (Array.isArray(members) ? members : []).entries()) {
    const value = isObject(member) ? member['value'] : undefined;
    if (typeof value !== 'string' || value === '') {
      throw new ScimError(400, `members[${index}] needs a "value" with the id of a user of this app.`, 'invalidValue');
    }
    if (!memberIds.includes(value)) {
      memberIds.push(value);
    }
  }
  return { displayName: displayName.trim(), externalId: typeof externalId === 'string' ? externalId : null, attributes, memberIds };
}

export function toScimGroup(group: GroupRow, members: readonly StoredMember[] | undefined, baseUrl: string): ScimGroup {
  const extensionSchemas = Object.keys(group.attributes).filter((key) => key.startsWith('urn:'));
  return {
    ...group.attributes,
    schemas: [SchemaUrns.group, ...extensionSchemas],
    id: group.id,
    ...(group.externalId === null ? {} : { externalId: group.externalId }),
    displayName: group.displayName,
    members: (members ?? []).map((member) => ({ value: member.value, display: member.display, $ref: `${baseUrl}/Users/${member.value}`, type: 'User' })),
    meta: {
      resourceType: 'Group',
      created: group.createdAt.toISOString(),
      lastModified: group.updatedAt.toISOString(),
      version: `W/"${group.version}"`,
      location: `${baseUrl}/Groups/${group.id}`,
    },
  };
}
