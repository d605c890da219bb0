import { ScimError } from '@bridge/scim';
import { parseActive, type UserWrite } from './scim-user.mapper';

interface PatchOperation {
  op: 'add' | 'replace' | 'remove';
  path?: string;
  value?: unknown;
}

const SIMPLE_PATH = /^[A-Za-z][A-Za-z0-9_$-]*$/;

/** Applies a SCIM PatchOp to a stored user (ops in any case; `active` as boolean or string). */
export function applyUserPatch(current: UserWrite, body: unknown): UserWrite {
  const operations = readOperations(body);
  const next: UserWrite = { ...current, attributes: { ...current.attributes } };
  for (const operation of operations) {
    if (operation.path === undefined) {
      if (operation.op === 'remove') {
        throw new ScimError(400, 'A remove operation needs a path.', 'noTarget');
      }
      if (typeof operation.value !== 'object' || operation.value === null || Array.isArray(operation.value)) {
        throw new ScimError(400, `A ${operation.op} without a path needs an object value.`, 'invalidValue');
      }
      for (const [attribute, value] of Object.entries(operation.value as Record<string, unknown>)) {
        setAttribute(next, attribute, value);
      }
      continue;
    }
    if (!SIMPLE_PATH.test(operation.path)) {
      throw new ScimError(400, `The path ${JSON.stringify(operation.path)} is not supported for users.`, 'invalidPath');
    }
    if (operation.op === 'remove') {
      removeAttribute(next, operation.path);
    } else {
      setAttribute(next, operation.path, operation.value);
    }
  }
  return next;
}

function readOperations(body: unknown): PatchOperation[] {
  const operations = (body as { Operations?: unknown } | null)?.Operations;
  if (!Array.isArray(operations) || operations.length === 0) {
    throw new ScimError(400, 'A PATCH body needs a non-empty "Operations" array.', 'invalidSyntax');
  }
  return operations.map((raw: unknown, index) => {
    const operation = raw as { op?: unknown; path?: unknown; value?: unknown } | null;
    const op = typeof operation?.op === 'string' ? operation.op.toLowerCase() : undefined;
    if (op !== 'add' && op !== 'replace' && op !== 'remove') {
      throw new ScimError(400, `Operations[${index}].op must be add, replace or remove.`, 'invalidSyntax');
    }
    if (operation?.path !== undefined && typeof operation.path !== 'string') {
      throw new ScimError(400, `Operations[${index}].path must be a string.`, 'invalidPath');
    }
    return { op, path: operation?.path, value: operation?.value };
  });
}

function setAttribute(user: UserWrite, attribute: string, value: unknown): void {
  const key = attribute.toLowerCase();
  if (key === 'active') {
    user.active = parseActive(value);
  } else if (key === 'username') {
    if (typeof value !== 'string' || value.trim() === '') {
      throw new ScimError(400, 'userName must be a non-empty string.', 'invalidValue');
    }
    user.userName = value.trim();
  } else if (key === 'externalid') {
    user.externalId = typeof value === 'string' ? value : null;
  } else if (key !== 'password' && key !== 'id' && key !== 'meta' && key !== 'schemas') {
    user.attributes[attribute] = value;
  }
}

function removeAttribute(user: UserWrite, attribute: string): void {
  const key = attribute.toLowerCase();
  if (key === 'username' || key === 'active') {
    throw new ScimError(400, `${attribute} cannot be removed.`, 'mutability');
  }
  if (key === 'externalid') {
    user.externalId = null;
  }
  delete user.attributes[attribute];
}
