import { ZoomSimErrorCode, ZoomSimException } from '../scim-http/zoom-sim.exception';

/**
 * The `active` value of a user PATCH, the only change Zoom's user PATCH makes. Accepted shapes:
 * `{schemas, Operations: [{op: "replace", value: {active: false}}]}` and
 * `{schemas, Operations: [{op: "replace", path: "active", value: false}]}`. `Operations` is
 * case-sensitive, as in Zoom; anything else gets Zoom's (misleading) "did not contains valid active field".
 */
export function readActivePatch(body: unknown): boolean {
  const invalid = (): ZoomSimException => new ZoomSimException(ZoomSimErrorCode.INVALID_ACTIVE_PATCH);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw invalid();
  }
  const { schemas, Operations: operations } = body as Record<string, unknown>;
  if (!Array.isArray(schemas) || schemas.length === 0 || !Array.isArray(operations) || operations.length === 0) {
    throw invalid();
  }
  let active: boolean | undefined;
  for (const operation of operations as unknown[]) {
    const next = activeOf(operation);
    if (next === undefined) {
      throw invalid();
    }
    active = next;
  }
  if (active === undefined) {
    throw invalid();
  }
  return active;
}

function activeOf(operation: unknown): boolean | undefined {
  if (typeof operation !== 'object' || operation === null) {
    return undefined;
  }
  const { op, path, value } = operation as Record<string, unknown>;
  if (typeof op !== 'string' || op.toLowerCase() !== 'replace') {
    return undefined;
  }
  if (path === undefined) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      return undefined;
    }
    const keys = Object.keys(value);
    const active = (value as Record<string, unknown>)['active'];
    return keys.length === 1 && typeof active === 'boolean' ? active : undefined;
  }
  return path === 'active' && typeof value === 'boolean' ? value : undefined;
}
