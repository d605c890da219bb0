import { ScimError } from '../scim-error';
import { findAttribute, findExtension } from './attribute-resolution.rules';
import type { ResourceTypeDefinition } from './resource-types';
import { commonAttributes, type ScimAttribute, type ScimSchemaDefinition } from './scim-schema.model';

export type ScimObject = Record<string, unknown>;

export function isObject(value: unknown): value is ScimObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Clients may not set these; a client that echoes them back (Okta sends `groups: []`, PUT sends `meta`) is not an error. */
export function isClientSettable(attribute: ScimAttribute): boolean {
  return attribute.mutability !== 'readOnly' && attribute.mutability !== 'writeOnly';
}

/**
 * Checks a value against its attribute definition and returns it with canonical sub-attribute
 * names; undefined means "no value" (null, or an empty array). Unknown sub-attributes are dropped.
 * Entra sends booleans as "True"/"False", so those strings count as booleans.
 */
export function canonicalValue(attribute: ScimAttribute, value: unknown, where: string, asElement = false): unknown {
  if (value === null || value === undefined) {
    return undefined;
  }
  if (attribute.multiValued && !asElement) {
    const items = Array.isArray(value) ? value : [value];
    const canonical = items.map((item, index) => canonicalValue(attribute, item, `${where}[${index}]`, true)).filter((item) => item !== undefined);
    return canonical.length === 0 ? undefined : canonical;
  }
  switch (attribute.type) {
    case 'complex': {
      if (!isObject(value)) {
        throw wrongType(where, 'an object', value);
      }
      const result: ScimObject = {};
      for (const [key, item] of Object.entries(value)) {
        const sub = findAttribute(attribute.subAttributes, key);
        const canonical = sub === undefined || !isClientSettable(sub) ? undefined : canonicalValue(sub, item, `${where}.${sub.name}`);
        if (sub !== undefined && canonical !== undefined) {
          result[sub.name] = canonical;
        }
      }
      return Object.keys(result).length === 0 ? undefined : result;
    }
    case 'boolean':
      return toBoolean(value, where);
    case 'integer':
    case 'decimal':
      if (typeof value !== 'number' || !Number.isFinite(value) || (attribute.type === 'integer' && !Number.isInteger(value))) {
        throw wrongType(where, `a${attribute.type === 'integer' ? 'n integer' : ' number'}`, value);
      }
      return value;
    case 'string':
    case 'reference':
    case 'dateTime':
    case 'binary':
      if (typeof value !== 'string') {
        throw wrongType(where, 'a string', value);
      }
      return value;
  }
}

export function toBoolean(value: unknown, where: string): boolean {
  if (typeof value === 'boolean') {
    return value;
  }
  if (typeof value === 'string' && /^(true|false)$/i.test(value)) {
    return value.toLowerCase() === 'true';
  }
  throw wrongType(where, 'true or false', value);
}

function wrongType(where: string, expected: string, value: unknown): ScimError {
  const shown = JSON.stringify(value) ?? String(value);
  return new ScimError(400, `The attribute "${where}" must be ${expected}, not ${shown.length > 60 ? `${shown.slice(0, 57)}...` : shown}.`, 'invalidValue');
}

/** An extension object: known attributes checked and renamed; attributes the schema does not list yet are carried through. */
export function canonicalExtension(schema: ScimSchemaDefinition, value: unknown): ScimObject | undefined {
  if (value === null || value === undefined) {
    return undefined;
  }
  if (!isObject(value)) {
    throw wrongType(schema.id, 'an object', value);
  }
  const result: ScimObject = {};
  for (const [key, item] of Object.entries(value)) {
    const attribute = findAttribute(schema.attributes, key);
    if (attribute !== undefined && !isClientSettable(attribute)) {
      continue;
    }
    const canonical = attribute === undefined ? item : canonicalValue(attribute, item, `${schema.id}:${attribute.name}`);
    if (canonical !== undefined && canonical !== null) {
      result[attribute?.name ?? key] = canonical;
    }
  }
  return Object.keys(result).length === 0 ? undefined : result;
}

/**
 * The stored form of a POST/PUT body: core attributes by canonical name, extensions under their
 * URN. Unknown attributes, read-only ones (id, meta, groups) and the password are left out.
 */
export function canonicalResource(type: ResourceTypeDefinition, body: ScimObject): ScimObject {
  const result: ScimObject = {};
  for (const [key, value] of Object.entries(body)) {
    if (/^urn:/i.test(key)) {
      const extension = findExtension(type, key);
      const canonical = extension === undefined ? undefined : canonicalExtension(extension, value);
      if (extension !== undefined && canonical !== undefined) {
        result[extension.id] = canonical;
      }
      continue;
    }
    const attribute = findAttribute(type.schema.attributes, key) ?? (key.toLowerCase() === 'externalid' ? findAttribute(commonAttributes, key) : undefined);
    if (attribute === undefined || !isClientSettable(attribute)) {
      continue;
    }
    const canonical = canonicalValue(attribute, value, attribute.name);
    if (canonical !== undefined) {
      result[attribute.name] = canonical;
    }
  }
  return result;
}
