import { SchemaUrns } from '@bridge/scim';
import { ZoomSimErrorCode, ZoomSimException } from '../scim-http/zoom-sim.exception';
import type { MultiValue, UserAttributes, UserType } from '../state/sim-state.model';
import { isEmail } from './email-domain.rules';
import { invalidField, readEnterpriseExtension, readLoginExtension, readZoomExtension } from './user-extensions.rules';

/** The attributes a POST or PUT body sets; absent keys are left as they are. */
export type UserChanges = Partial<UserAttributes>;

const USER_TYPES: readonly UserType[] = ['Basic', 'Licensed', 'On-Prem'];
const TEXT_FIELDS = ['displayName', 'title', 'locale'] as const;

/**
 * Reads a POST (`create`) or PUT (`update`) body. Both need `schemas`; a create needs `userName`.
 * Attributes Zoom does not keep (`password`, `externalId`, `groups`, ...) are ignored, but the
 * Zoom extension refuses fields it does not know. `null` counts as absent.
 */
export function readUserBody(body: unknown, mode: 'create' | 'update'): UserChanges {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ZoomSimException(ZoomSimErrorCode.INVALID_REQUEST, 'The request body must be a JSON object.');
  }
  const source = body as Record<string, unknown>;
  const present = (key: string): boolean => source[key] !== undefined && source[key] !== null;
  const schemas = source['schemas'];
  if (!Array.isArray(schemas) || schemas.length === 0 || !schemas.every((schema) => typeof schema === 'string')) {
    throw new ZoomSimException(ZoomSimErrorCode.INVALID_REQUEST, 'The field "schemas" is required.');
  }
  const changes: UserChanges = {};
  if (present('userName')) {
    changes.userName = readEmail(source['userName']);
  } else if (mode === 'create') {
    throw new ZoomSimException(ZoomSimErrorCode.INVALID_REQUEST, 'The field "userName" is required.');
  }
  if (present('name')) {
    Object.assign(changes, readName(source['name']));
  }
  for (const field of TEXT_FIELDS) {
    if (present(field)) {
      changes[field] = readText(source[field], field);
    }
  }
  if (present('emails')) {
    changes.emails = readMultiValues(source['emails'], 'emails').map((email) => ({ ...email, value: readEmail(email.value) }));
  }
  if (present('phoneNumbers')) {
    changes.phoneNumbers = readMultiValues(source['phoneNumbers'], 'phoneNumbers');
  }
  if (present('roles')) {
    changes.roles = readMultiValues(source['roles'], 'roles');
  }
  if (present('active')) {
    if (typeof source['active'] !== 'boolean') {
      throw invalidField('active');
    }
    changes.active = source['active'];
  }
  if (present('userType')) {
    const userType = USER_TYPES.find((type) => type.toLowerCase() === String(source['userType']).toLowerCase());
    if (userType === undefined) {
      throw invalidField('userType');
    }
    changes.userType = userType;
  }
  if (present(SchemaUrns.enterpriseUser)) {
    changes.enterprise = readEnterpriseExtension(source[SchemaUrns.enterpriseUser]);
  }
  if (present(SchemaUrns.zoomUser)) {
    changes.zoom = readZoomExtension(source[SchemaUrns.zoomUser]);
  }
  if (present(SchemaUrns.zoomUserLogin)) {
    const loginType = readLoginExtension(source[SchemaUrns.zoomUserLogin]);
    if (loginType !== undefined) {
      changes.loginType = loginType;
    }
  }
  return changes;
}

/** A new user's attributes: the body's, with Zoom's defaults (active, Basic, the userName as work email). */
export function newUserAttributes(changes: UserChanges & { userName: string }): UserAttributes {
  return { emails: [{ value: changes.userName, type: 'work', primary: true }], active: true, userType: 'Basic', ...changes };
}

/** Applies a partial update: top-level attributes are replaced, extension attributes merged one by one. */
export function mergeUserAttributes<T extends UserAttributes>(current: T, changes: UserChanges): T {
  const merged: T = { ...current, ...changes };
  if (changes.enterprise !== undefined) {
    merged.enterprise = { ...current.enterprise, ...changes.enterprise };
  }
  if (changes.zoom !== undefined) {
    merged.zoom = { ...current.zoom, ...changes.zoom };
  }
  return merged;
}

function readEmail(value: unknown): string {
  if (typeof value !== 'string' || !isEmail(value.trim())) {
    throw new ZoomSimException(ZoomSimErrorCode.INVALID_REQUEST, `Invalid email address: ${String(value)}`);
  }
  // Zoom keeps emails in lower case; userName lookups are case-insensitive.
  return value.trim().toLowerCase();
}

function readText(value: unknown, field: string): string {
  if (typeof value !== 'string') {
    throw invalidField(field);
  }
  return value;
}

function readName(value: unknown): Pick<UserAttributes, 'givenName' | 'familyName'> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalidField('name');
  }
  const { givenName, familyName } = value as Record<string, unknown>;
  return {
    ...(givenName === undefined || givenName === null ? {} : { givenName: readText(givenName, 'name.givenName') }),
    ...(familyName === undefined || familyName === null ? {} : { familyName: readText(familyName, 'name.familyName') }),
  };
}

function readMultiValues(value: unknown, field: string): MultiValue[] {
  if (!Array.isArray(value)) {
    throw invalidField(field);
  }
  return value.map((entry: unknown) => {
    if (typeof entry !== 'object' || entry === null) {
      throw invalidField(field);
    }
    const { value: text, type, primary, display } = entry as Record<string, unknown>;
    if (typeof text !== 'string') {
      throw invalidField(`${field}.value`);
    }
    return {
      value: text,
      ...(typeof type === 'string' ? { type } : {}),
      ...(typeof primary === 'boolean' ? { primary } : {}),
      ...(typeof display === 'string' ? { display } : {}),
    };
  });
}
