import { SchemaUrns } from '@bridge/scim';
import { ZoomSimErrorCode, ZoomSimException } from '../scim-http/zoom-sim.exception';

/** Zoom refuses group bodies (create and update) longer than this many characters. */
export const GROUP_BODY_LIMIT = 100_000;

export interface GroupDraft {
  displayName: string;
  memberIds: string[];
  emailAlias?: string;
}

export type GroupChange =
  | { kind: 'add-members'; ids: string[] }
  | { kind: 'remove-members'; ids: string[] }
  | { kind: 'remove-all-members' }
  | { kind: 'replace-members'; ids: string[] }
  | { kind: 'rename'; displayName: string }
  | { kind: 'set-email-alias'; emailAlias: string };

const MEMBER_FILTER = /^members\[\s*value\s+eq\s+"([^"]+)"\s*\]$/i;
const EMAIL_ALIAS_PATHS = new Set(['emailalias', `${SchemaUrns.zoomGroup}:emailAlias`.toLowerCase()]);

export function invalidGroup(message: string): ZoomSimException {
  return new ZoomSimException(ZoomSimErrorCode.GROUP_INVALID, message);
}

export function assertGroupBodySize(chars: number): void {
  if (chars > GROUP_BODY_LIMIT) {
    throw new ZoomSimException(ZoomSimErrorCode.BODY_TOO_LARGE);
  }
}

/** A `POST /Groups` body: `schemas` and `displayName` required, `members` and the Zoom extension's `emailAlias` optional. */
export function readGroupCreate(body: unknown): GroupDraft {
  const source = objectOf(body, 'The request body must be a JSON object.');
  requireSchemas(source);
  const draft: GroupDraft = { displayName: readDisplayName(source['displayName']), memberIds: [] };
  if (source['members'] !== undefined) {
    draft.memberIds = readMemberIds(source['members']);
  }
  const emailAlias = readEmailAliasExtension(source[SchemaUrns.zoomGroup]);
  if (emailAlias !== undefined) {
    draft.emailAlias = emailAlias;
  }
  return draft;
}

/**
 * A `PATCH /Groups/{id}` body as changes: member add / remove (by `members[value eq "id"]` or a
 * value list) / replace, rename, and the email alias. Op names are case-insensitive.
 */
export function readGroupPatch(body: unknown): GroupChange[] {
  const source = objectOf(body, 'The request body must be a JSON object.');
  requireSchemas(source);
  const operations = source['Operations'];
  if (!Array.isArray(operations) || operations.length === 0) {
    throw invalidGroup('The field "Operations" is required.');
  }
  return operations.flatMap((operation: unknown) => readOperation(operation));
}

function readOperation(operation: unknown): GroupChange[] {
  const { op, path, value } = objectOf(operation, 'Each operation must be an object.');
  const verb = typeof op === 'string' ? op.toLowerCase() : '';
  const target = typeof path === 'string' ? path.trim() : undefined;
  const described = `${String(op)}${target === undefined ? '' : ` ${target}`}`;
  if (verb === 'remove') {
    const single = target === undefined ? null : MEMBER_FILTER.exec(target);
    if (single?.[1] !== undefined) {
      return [{ kind: 'remove-members', ids: [single[1]] }];
    }
    if (target?.toLowerCase() === 'members') {
      return value === undefined ? [{ kind: 'remove-all-members' }] : [{ kind: 'remove-members', ids: readMemberIds(value) }];
    }
  } else if (verb === 'add' || verb === 'replace') {
    const membersKind = verb === 'add' ? 'add-members' : 'replace-members';
    if (target === undefined) {
      return readValueObject(objectOf(value, `Unsupported operation: ${described}`), membersKind);
    }
    if (target.toLowerCase() === 'members') {
      return [{ kind: membersKind, ids: readMemberIds(value) }];
    }
    if (target.toLowerCase() === 'displayname') {
      return [{ kind: 'rename', displayName: readDisplayName(value) }];
    }
    if (EMAIL_ALIAS_PATHS.has(target.toLowerCase()) && typeof value === 'string') {
      return [{ kind: 'set-email-alias', emailAlias: value }];
    }
  }
  throw invalidGroup(`Unsupported operation: ${described}`);
}

// A pathless add or replace: Okta sends `{id, displayName}` with every membership change; `id` is ignored.
function readValueObject(value: Record<string, unknown>, membersKind: 'add-members' | 'replace-members'): GroupChange[] {
  const changes: GroupChange[] = [];
  if (value['displayName'] !== undefined) {
    changes.push({ kind: 'rename', displayName: readDisplayName(value['displayName']) });
  }
  if (value['members'] !== undefined) {
    changes.push({ kind: membersKind, ids: readMemberIds(value['members']) });
  }
  const emailAlias = readEmailAliasExtension(value[SchemaUrns.zoomGroup]);
  if (emailAlias !== undefined) {
    changes.push({ kind: 'set-email-alias', emailAlias });
  }
  return changes;
}

function objectOf(value: unknown, message: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalidGroup(message);
  }
  return value as Record<string, unknown>;
}

function requireSchemas(source: Record<string, unknown>): void {
  const schemas = source['schemas'];
  if (!Array.isArray(schemas) || schemas.length === 0) {
    throw invalidGroup('The field "schemas" is required.');
  }
}

function readDisplayName(value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw invalidGroup('The field "displayName" is required.');
  }
  return value.trim();
}

function readMemberIds(value: unknown): string[] {
  if (!Array.isArray(value)) {
    throw invalidGroup('The field "members" must be a list of {"value": "<user id>"}.');
  }
  return value.map((member: unknown) => {
    const id = typeof member === 'object' && member !== null ? (member as { value?: unknown }).value : undefined;
    if (typeof id !== 'string' || id === '') {
      throw invalidGroup('The field "members" must be a list of {"value": "<user id>"}.');
    }
    return id;
  });
}

function readEmailAliasExtension(value: unknown): string | undefined {
  if (value === undefined) {
    return undefined;
  }
  const emailAlias = objectOf(value, `Invalid field: ${SchemaUrns.zoomGroup}`)['emailAlias'];
  if (emailAlias !== undefined && typeof emailAlias !== 'string') {
    throw invalidGroup('Invalid field: emailAlias');
  }
  return emailAlias;
}
