import { findAttribute } from '../scim-schemas/attribute-resolution.rules';
import type { ScimAttribute } from '../scim-schemas/scim-schema.model';
import { ScimError } from '../scim-error';
import { formatAttributePath, type CompareOperator, type CompareValue, type ScimFilter } from './scim-filter.ast';

/**
 * Evaluates a value filter (`members[value eq "…"]`, `emails[type eq "work"]`) against one element
 * of a multi-valued attribute, in memory. Paths name the element's sub-attributes.
 */
export function matchesElement(filter: ScimFilter, element: unknown, subAttributes: readonly ScimAttribute[] | undefined): boolean {
  switch (filter.kind) {
    case 'and':
      return matchesElement(filter.left, element, subAttributes) && matchesElement(filter.right, element, subAttributes);
    case 'or':
      return matchesElement(filter.left, element, subAttributes) || matchesElement(filter.right, element, subAttributes);
    case 'not':
      return !matchesElement(filter.filter, element, subAttributes);
    case 'valuePath':
      throw new ScimError(400, `Value filters cannot nest (${formatAttributePath(filter.path)}[...]).`, 'invalidFilter');
    case 'present':
    case 'compare': {
      if (filter.path.urn !== undefined || filter.path.subAttribute !== undefined) {
        throw new ScimError(400, `Inside a value filter, name a sub-attribute such as value or type, not ${formatAttributePath(filter.path)}.`, 'invalidFilter');
      }
      const sub = findAttribute(subAttributes, filter.path.attribute);
      if (sub === undefined) {
        throw new ScimError(400, `The value filter names ${JSON.stringify(filter.path.attribute)}, which is not a sub-attribute here.`, 'invalidFilter');
      }
      const actual = typeof element === 'object' && element !== null ? (element as Record<string, unknown>)[sub.name] : undefined;
      if (filter.kind === 'present') {
        return actual !== undefined && actual !== null && actual !== '';
      }
      return compareValues(actual, filter.op, filter.value, sub);
    }
  }
}

export function compareValues(actual: unknown, op: CompareOperator, expected: CompareValue, attribute: ScimAttribute): boolean {
  if (expected === null) {
    const present = actual !== undefined && actual !== null;
    return op === 'eq' ? !present : op === 'ne' ? present : false;
  }
  if (actual === undefined || actual === null) {
    return op === 'ne';
  }
  if (typeof actual === 'boolean' || typeof expected === 'boolean') {
    return op === 'eq' ? actual === expected : op === 'ne' ? actual !== expected : false;
  }
  const fold = (value: string): string => (attribute.caseExact ? value : value.toLowerCase());
  const left = typeof actual === 'string' ? fold(actual) : actual;
  const right = typeof expected === 'string' ? fold(expected) : expected;
  if (typeof left !== typeof right) {
    return op === 'ne';
  }
  switch (op) {
    case 'eq':
      return left === right;
    case 'ne':
      return left !== right;
    case 'co':
      return typeof left === 'string' && left.includes(right as string);
    case 'sw':
      return typeof left === 'string' && left.startsWith(right as string);
    case 'ew':
      return typeof left === 'string' && left.endsWith(right as string);
    case 'gt':
      return (left as string | number) > (right);
    case 'ge':
      return (left as string | number) >= (right);
    case 'lt':
      return (left as string | number) < (right);
    case 'le':
      return (left as string | number) <= (right);
  }
}

/** `type eq "work" and primary eq true` → {type: "work", primary: true}: the element an add creates when nothing matches. */
export function elementTemplate(filter: ScimFilter, subAttributes: readonly ScimAttribute[] | undefined): Record<string, unknown> | undefined {
  if (filter.kind === 'and') {
    const left = elementTemplate(filter.left, subAttributes);
    const right = elementTemplate(filter.right, subAttributes);
    return left === undefined || right === undefined ? undefined : { ...left, ...right };
  }
  if (filter.kind !== 'compare' || filter.op !== 'eq' || filter.value === null) {
    return undefined;
  }
  const sub = findAttribute(subAttributes, filter.path.attribute);
  return sub === undefined ? undefined : { [sub.name]: filter.value };
}
