import { ScimError } from '../scim-error';
import { isObject } from '../scim-schemas/resource-canonical.rules';

export interface PatchOperation {
  op: 'add' | 'replace' | 'remove';
  path?: string;
  value?: unknown;
}

export const MAX_PATCH_OPERATIONS = 1000;

/** Reads a PatchOp body. Op names in any case (Entra sends "Replace", "Add"). */
export function readPatchOperations(body: unknown): PatchOperation[] {
  const operations = isObject(body) ? (body['Operations'] ?? body['operations']) : undefined;
  if (!Array.isArray(operations) || operations.length === 0) {
    throw new ScimError(400, 'A PATCH body needs a non-empty "Operations" array (urn:ietf:params:scim:api:messages:2.0:PatchOp).', 'invalidSyntax');
  }
  if (operations.length > MAX_PATCH_OPERATIONS) {
    throw new ScimError(400, `A PATCH body may carry at most ${MAX_PATCH_OPERATIONS} operations; split it.`, 'tooMany');
  }
  return operations.map((raw: unknown, index): PatchOperation => {
    if (!isObject(raw)) {
      throw new ScimError(400, `Operations[${index}] must be an object with "op", "path" and "value".`, 'invalidSyntax');
    }
    const op = typeof raw['op'] === 'string' ? raw['op'].toLowerCase() : undefined;
    if (op !== 'add' && op !== 'replace' && op !== 'remove') {
      throw new ScimError(400, `Operations[${index}].op is ${JSON.stringify(raw['op'])}; it must be add, replace or remove.`, 'invalidSyntax');
    }
    const path = raw['path'];
    if (path !== undefined && path !== null && typeof path !== 'string') {
      throw new ScimError(400, `Operations[${index}].path must be a string.`, 'invalidPath');
    }
    const trimmed = typeof path === 'string' && path.trim() !== '' ? path.trim() : undefined;
    if (op !== 'remove' && !('value' in raw)) {
      throw new ScimError(400, `Operations[${index}] (${op}) needs a "value".`, 'invalidValue');
    }
    return { op, ...(trimmed === undefined ? {} : { path: trimmed }), ...('value' in raw ? { value: raw['value'] } : {}) };
  });
}
