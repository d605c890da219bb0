import { isObject } from '../scim-schemas/resource-canonical.rules';
import type { ScimAttribute } from '../scim-schemas/scim-schema.model';

/**
 * What makes two elements the same value: their `value` sub-attributes when both have one
 * (members, emails; compared without case unless `value` is caseExact), else deep equality.
 * Elements with equal keys are the same; keys let a PATCH on a group of thousands of members
 * find each value in one lookup instead of comparing it with every member.
 */
function elementKey(item: unknown, valueCaseExact: boolean): string {
  if (isObject(item) && item['value'] !== undefined) {
    const key = `v${JSON.stringify(item['value'])}`;
    return valueCaseExact ? key : key.toLowerCase();
  }
  return `o${JSON.stringify(item)}`;
}

function valueCaseExactOf(attribute: ScimAttribute): boolean {
  return attribute.subAttributes?.find((sub) => sub.name === 'value')?.caseExact ?? true;
}

/** Two elements are the same value when their `value` sub-attributes are equal (members, emails), else when they are deeply equal. */
export function sameElement(left: unknown, right: unknown, attribute: ScimAttribute): boolean {
  const caseExact = valueCaseExactOf(attribute);
  return elementKey(left, caseExact) === elementKey(right, caseExact);
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
}

/** Adding a value that is already there changes nothing (RFC 7644 §3.5.2.1); a new primary demotes the old one. */
export function addValues(current: unknown, added: unknown, attribute: ScimAttribute): unknown[] | undefined {
  const caseExact = valueCaseExactOf(attribute);
  const result = [...asArray(current)];
  const indexByKey = new Map<string, number>();
  result.forEach((existing, index) => {
    const key = elementKey(existing, caseExact);
    if (!indexByKey.has(key)) {
      indexByKey.set(key, index);
    }
  });
  for (const item of asArray(added)) {
    const key = elementKey(item, caseExact);
    const index = indexByKey.get(key);
    if (index === undefined) {
      indexByKey.set(key, result.length);
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
  const caseExact = valueCaseExactOf(attribute);
  const toRemove = new Set(asArray(removed).map((item) => elementKey(item, caseExact)));
  const kept = asArray(current).filter((item) => !toRemove.has(elementKey(item, caseExact)));
  return kept.length === 0 ? undefined : kept;
}

export function mergeInto(current: unknown, value: unknown): unknown {
  if (isObject(current) && isObject(value)) {
    return { ...current, ...value };
  }
  return value ?? current;
}
