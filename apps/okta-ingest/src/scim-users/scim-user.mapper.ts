import { SchemaUrns, ScimError, type ScimUser } from '@bridge/scim';
import type { ScimUserEntity } from './scim-user.entity';

// Attributes the server owns or must never keep: ignored when a client sends them.
const NOT_STORED = new Set(['id', 'meta', 'password', 'schemas', 'groups']);

export interface UserWrite {
  userName: string;
  externalId: string | null;
  active: boolean;
  attributes: Record<string, unknown>;
}

/** Validates a POST/PUT body and returns what is stored; the password is dropped here. */
export function toUserWrite(body: unknown): UserWrite {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ScimError(400, 'The request body must be a JSON object describing a SCIM User.', 'invalidSyntax');
  }
  const input = body as Record<string, unknown>;
  const schemas = input['schemas'];
  if (schemas !== undefined && (!Array.isArray(schemas) || !schemas.every((schema) => typeof schema === 'string'))) {
    throw new ScimError(400, 'The attribute "schemas" must be an array of schema URNs.', 'invalidValue');
  }
  const userName = input['userName'];
  if (typeof userName !== 'string' || userName.trim() === '') {
    throw new ScimError(400, 'The attribute "userName" is required and must be a non-empty string.', 'invalidValue');
  }
  const externalId = input['externalId'];
  if (externalId !== undefined && externalId !== null && typeof externalId !== 'string') {
    throw new ScimError(400, 'The attribute "externalId" must be a string.', 'invalidValue');
  }
  const attributes: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    if (!NOT_STORED.has(key) && key !== 'userName' && key !== 'externalId' && key !== 'active' && value !== null) {
      attributes[key] = value;
    }
  }
  return {
    userName: userName.trim(),
    externalId: typeof externalId === 'string' ? externalId : null,
    active: parseActive(input['active'] ?? true),
    attributes,
  };
}

/** Okta sends booleans; Entra sends "True"/"False". */
export function parseActive(value: unknown): boolean {
  if (typeof value === 'boolean') {
    return value;
  }
  if (typeof value === 'string' && /^(true|false)$/i.test(value)) {
    return value.toLowerCase() === 'true';
  }
  throw new ScimError(400, `The attribute "active" must be true or false, not ${JSON.stringify(value)}.`, 'invalidValue');
}

export function toScimUser(entity: ScimUserEntity, baseUrl: string): ScimUser {
  const extensionSchemas = Object.keys(entity.attributes).filter((key) => key.startsWith('urn:'));
  return {
    ...entity.attributes,
    schemas: [SchemaUrns.user, ...extensionSchemas],
    id: entity.id,
    ...(entity.externalId === null ? {} : { externalId: entity.externalId }),
    userName: entity.userName,
    active: entity.active,
    meta: {
      resourceType: 'User',
      created: entity.createdAt.toISOString(),
      lastModified: entity.updatedAt.toISOString(),
      version: `W/"${entity.version}"`,
      location: `${baseUrl}/Users/${entity.id}`,
    },
  };
}
