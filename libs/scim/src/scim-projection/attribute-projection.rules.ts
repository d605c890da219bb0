import { ScimError } from '../scim-error';
import { splitAttributePath } from '../scim-filter/scim-filter.parser';
import { findExtension, resolveAttributePath } from '../scim-schemas/attribute-resolution.rules';
import { isObject, type ScimObject } from '../scim-schemas/resource-canonical.rules';
import type { ResourceTypeDefinition } from '../scim-schemas/resource-types';

/** The canonical form of one `attributes` / `excludedAttributes` entry: [top-level key, sub-attribute?]. */
type Selection = [string, string | undefined];

const ALWAYS = new Set(['id', 'schemas']);

/** Reads `attributes=a,b.c,urn:…:User:d` into canonical keys; unknown names select nothing (RFC 7644 §3.9). */
export function parseAttributeSelection(type: ResourceTypeDefinition, raw: string | undefined): Selection[] | undefined {
  if (raw === undefined || raw.trim() === '') {
    return undefined;
  }
  if (raw.length > 2048) {
    throw new ScimError(400, 'The attributes list is longer than 2048 characters.', 'invalidValue');
  }
  const selections: Selection[] = [];
  for (const entry of raw.split(',').map((item) => item.trim()).filter((item) => item !== '')) {
    const extension = /^urn:/i.test(entry) ? findExtension(type, entry) : undefined;
    if (extension !== undefined) {
      selections.push([extension.id, undefined]);
      continue;
    }
    const path = splitAttributePath(entry);
    const resolved = path === undefined ? undefined : resolveAttributePath(type, path);
    if (resolved !== undefined) {
      const top = resolved.extension ?? resolved.attribute.name;
      const sub = resolved.extension === undefined ? resolved.subAttribute?.name : resolved.attribute.name;
      selections.push([top, sub]);
    }
  }
  return selections;
}

/** Applies `attributes` (only these, plus id and schemas) or else `excludedAttributes` to an outgoing resource. */
export function projectResource(resource: ScimObject, attributes?: Selection[], excluded?: Selection[]): ScimObject {
  if (attributes !== undefined) {
    const result: ScimObject = {};
    for (const [key, value] of Object.entries(resource)) {
      const wanted = attributes.filter(([top]) => top === key);
      if (ALWAYS.has(key) || wanted.some(([, sub]) => sub === undefined)) {
        result[key] = value;
      } else if (wanted.length > 0) {
        const picked = pick(value, wanted.map(([, sub]) => sub!));
        if (picked !== undefined) {
          result[key] = picked;
        }
      }
    }
    return result;
  }
  if (excluded !== undefined) {
    const result: ScimObject = { ...resource };
    for (const [key, sub] of excluded) {
      if (ALWAYS.has(key) || !(key in result)) {
        continue;
      }
      if (sub === undefined) {
        delete result[key];
      } else {
        result[key] = omit(result[key], sub);
      }
    }
    return result;
  }
  return resource;
}

function pick(value: unknown, subs: string[]): unknown {
  if (Array.isArray(value)) {
    const items = value.map((item) => pick(item, subs)).filter((item) => item !== undefined);
    return items.length === 0 ? undefined : items;
  }
  if (!isObject(value)) {
    return undefined;
  }
  const entries = Object.entries(value).filter(([key]) => subs.includes(key));
  return entries.length === 0 ? undefined : Object.fromEntries(entries);
}

function omit(value: unknown, sub: string): unknown {
  if (Array.isArray(value)) {
    return value.map((item) => omit(item, sub));
  }
  if (!isObject(value)) {
    return value;
  }
  const { [sub]: _dropped, ...rest } = value;
  return rest;
}

/** Whether a projection leaves out `key` entirely, so the caller can skip loading it (group members). */
export function projectionExcludes(key: string, attributes?: Selection[], excluded?: Selection[]): boolean {
  if (attributes !== undefined) {
    return !attributes.some(([top]) => top === key);
  }
  return excluded?.some(([top, sub]) => top === key && sub === undefined) ?? false;
}

export type { Selection as AttributeSelection };
