import { isObject } from '../scim-schemas/resource-canonical.rules';
import type { ScimAttribute } from '../scim-schemas/scim-schema.model';

/** Two elements are the same value when their `value` sub-attributes are equal (members, emails), else when they are deeply equal. */
export function sameElement(left: unknown, right: unknown, attribute: ScimAttribute): boolean {
  if (isObject(left) && isObject(right) && left['value'] !== undefined && right['value'] !== undefined) {
    const caseExact = attribute.subAttributes?.find((sub) => sub.name === 'value')?.caseExact ?? true;
    const a = JSON.stringify(left['value']);
    const b = JSON.stringify(right['value']);
    return caseExact ? a === b : a.toLowerCase() === b.toLowerCase();
  }
  return JSON.stringify(left) === JSON.stringify(right);
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
}

/** Adding a value that is already there changes nothing (RFC 7644 §3.5.2.1); a new primary demotes the old one. */
export function addValues(current: unknown, added: unknown, attribute: ScimAttribute): unknown[] | undefined {
  const result = [...asArray(current)];
  for (const item of asArray(added)) {
    const index = result.findIndex((existing) => sameElement(existing, item, attribute));
    if (index === -1) {
      result.push(item);
    } else if (isObject(item) && isObject(result[index])) {
      result[index] = { ...result[index], ...item };
    }
  }
  const primaries = result.filter((item) => isObject(item) && item['primary'] === true);
  if (primaries.length > 1) {
    const keep = primaries[primaries.length - 1];
    return result.map((item) => (isObject(item) && item !== keep && item['primary'] === true ? { ...item, primary: false } : item));
  }
  return result.length === 0 ? undefined : result;
}

/** Removing a value that is not there changes nothing. */
export function removeValues(current: unknown, removed: unknown, attribute: ScimAttribute): unknown[] | undefined {
  const toRemove = asArray(removed);
  const kept = asArray(current).filter((item) => !toRemove.some((candidate) => sameElement(item, candidate, attribute)));
  return kept.length === 0 ? undefined : kept;
}

export function mergeInto(current: unknown, value: unknown): unknown {
  if (isObject(current) && isObject(value)) {
    return { ...current, ...value };
  }
  return value ?? current;
}
