import { ScimError } from '../scim-error';
import { elementTemplate, matchesElement } from '../scim-filter/scim-filter.matcher';
import { parsePatchPath, splitAttributePath } from '../scim-filter/scim-filter.parser';
import { formatAttributePath, type AttributePath, type PatchPath } from '../scim-filter/scim-filter.ast';
import { findExtension, resolveAttributePath, type ResolvedAttribute } from '../scim-schemas/attribute-resolution.rules';
import { canonicalExtension, canonicalValue, isClientSettable, isObject, type ScimObject } from '../scim-schemas/resource-canonical.rules';
import type { ResourceTypeDefinition } from '../scim-schemas/resource-types';
import { addValues, mergeInto, removeValues } from './multi-valued.rules';
import type { PatchOperation } from './patch-operations.rules';

interface Target {
  path: PatchPath;
  resolved: ResolvedAttribute;
}

/**
 * Applies RFC 7644 §3.5.2 operations to a resource in its stored (canonical) form and returns the
 * new form; the input is not changed. Attributes the resource type does not know are ignored,
 * as on PUT; extension attributes Zoom adds later are carried through.
 */
export function applyPatch(type: ResourceTypeDefinition, resource: ScimObject, operations: readonly PatchOperation[]): ScimObject {
  const next = structuredClone(resource);
  for (const operation of operations) {
    if (operation.path === undefined) {
      applyWithoutPath(type, next, operation);
    } else {
      applyAtPath(type, next, operation, parsePatchPath(operation.path));
    }
  }
  return next;
}

function applyWithoutPath(type: ResourceTypeDefinition, resource: ScimObject, operation: PatchOperation): void {
  if (operation.op === 'remove') {
    throw new ScimError(400, 'A remove operation needs a "path" naming what to remove.', 'noTarget');
  }
  if (!isObject(operation.value)) {
    throw new ScimError(400, `A ${operation.op} without a "path" needs an object "value" such as {"active": false}.`, 'invalidValue');
  }
  for (const [key, value] of Object.entries(operation.value)) {
    const extension = /^urn:/i.test(key) ? findExtension(type, key) : undefined;
    if (extension !== undefined && isObject(value)) {
      for (const [attribute, item] of Object.entries(value)) {
        applyAtPath(type, resource, { ...operation, value: item }, { path: { urn: extension.id, attribute } });
      }
      continue;
    }
    // Some clients put paths in the keys: {"name.givenName": "Ada"} or {"urn:…:User:department": "R&D"}.
    const path = splitAttributePath(key);
    if (path !== undefined) {
      applyAtPath(type, resource, { ...operation, value }, { path }, true);
    }
  }
}

function applyAtPath(type: ResourceTypeDefinition, resource: ScimObject, operation: PatchOperation, path: PatchPath, lenient = false): void {
  const resolved = resolveAttributePath(type, path.path);
  if (resolved === undefined) {
    carryUnknownExtensionAttribute(type, resource, operation, path.path);
    return;
  }
  const { attribute } = resolved;
  if (!isClientSettable(attribute) || (resolved.subAttribute !== undefined && !isClientSettable(resolved.subAttribute))) {
    if (lenient || attribute.mutability === 'writeOnly') {
      return;
    }
    throw new ScimError(400, `${formatAttributePath(path.path)} is read-only and cannot be changed.`, 'mutability');
  }
  if (path.filter !== undefined && !attribute.multiValued) {
    throw new ScimError(400, `${attribute.name} is not multi-valued, so it cannot take a value filter.`, 'invalidPath');
  }
  const container = containerFor(resource, resolved, operation.op !== 'remove');
  if (container === undefined) {
    return;
  }
  const target: Target = { path, resolved };
  if (path.filter !== undefined) {
    applyFiltered(container, operation, target);
  } else if (resolved.subAttribute !== undefined) {
    applySubAttribute(container, operation, target);
  } else {
    applyAttribute(container, operation, target);
  }
  if (resolved.extension !== undefined && Object.keys(container).length === 0) {
    delete resource[resolved.extension];
  }
}

function applyAttribute(container: ScimObject, operation: PatchOperation, { resolved }: Target): void {
  const { attribute } = resolved;
  const key = attribute.name;
  if (operation.op === 'remove') {
    if (attribute.multiValued && operation.value !== undefined && operation.value !== null) {
      setOrDelete(container, key, removeValues(container[key], canonicalValue(attribute, operation.value, key), attribute));
    } else {
      delete container[key];
    }
    return;
  }
  const value = canonicalValue(attribute, operation.value, key);
  if (attribute.multiValued) {
    setOrDelete(container, key, operation.op === 'add' ? addValues(container[key], value, attribute) : value);
  } else if (attribute.type === 'complex') {
    // RFC 7644 §3.5.2.3: sub-attributes not given are left unchanged, for add and replace alike.
    setOrDelete(container, key, operation.op === 'replace' && value === undefined ? undefined : mergeInto(container[key], value));
  } else {
    setOrDelete(container, key, value);
  }
}

function applySubAttribute(container: ScimObject, operation: PatchOperation, { resolved }: Target): void {
  const { attribute } = resolved;
  const sub = resolved.subAttribute!;
  const current = container[attribute.name];
  const value = operation.op === 'remove' ? undefined : canonicalValue(sub, operation.value, `${attribute.name}.${sub.name}`);
  const elements = attribute.multiValued ? (Array.isArray(current) ? current : []) : [isObject(current) ? current : {}];
  for (const element of elements) {
    if (isObject(element)) {
      setOrDelete(element, sub.name, value);
    }
  }
  const kept = elements.filter((element) => isObject(element) && Object.keys(element).length > 0);
  setOrDelete(container, attribute.name, attribute.multiValued ? (kept.length === 0 ? undefined : kept) : kept[0]);
}

function applyFiltered(container: ScimObject, operation: PatchOperation, { path, resolved }: Target): void {
  const { attribute } = resolved;
  const filter = path.filter!;
  const elements = Array.isArray(container[attribute.name]) ? (container[attribute.name] as unknown[]) : [];
  const matches = (element: unknown): boolean => matchesElement(filter, element, attribute.subAttributes);
  const sub = path.subAttribute === undefined ? undefined : resolveSub(attribute.subAttributes, path.subAttribute, path);
  if (operation.op === 'remove') {
    const kept =
      sub === undefined
        ? elements.filter((element) => !matches(element))
        : elements.map((element) => (matches(element) && isObject(element) ? withoutKey(element, sub) : element));
    setOrDelete(container, attribute.name, kept.length === 0 ? undefined : kept);
    return;
  }
  const value = sub === undefined ? canonicalValue(attribute, operation.value, attribute.name, true) : undefined;
  const subValue = sub === undefined ? undefined : canonicalValue(findSub(attribute, sub), operation.value, `${attribute.name}.${sub}`);
  let matched = false;
  const updated = elements.map((element) => {
    if (!matches(element) || !isObject(element)) {
      return element;
    }
    matched = true;
    return sub === undefined ? mergeInto(operation.op === 'replace' ? {} : element, value) : { ...element, [sub]: subValue };
  });
  if (!matched) {
    // Entra adds `emails[type eq "work"].value` for a user with no work email: the filter describes the new element.
    const template = elementTemplate(filter, attribute.subAttributes);
    if (template === undefined) {
      throw new ScimError(400, `No ${attribute.name} value matches ${operation.path ?? ''}, and the filter does not describe one to create.`, 'noTarget');
    }
    updated.push(sub === undefined ? mergeInto(template, value) : { ...template, [sub]: subValue });
  }
  setOrDelete(container, attribute.name, updated);
}

function resolveSub(subAttributes: ResolvedAttribute['attribute']['subAttributes'], name: string, path: PatchPath): string {
  const sub = subAttributes?.find((candidate) => candidate.name.toLowerCase() === name.toLowerCase());
  if (sub === undefined) {
    throw new ScimError(400, `${formatAttributePath(path.path)} has no sub-attribute ${JSON.stringify(name)}.`, 'invalidPath');
  }
  return sub.name;
}

function findSub(attribute: ResolvedAttribute['attribute'], name: string): ResolvedAttribute['attribute'] {
  return attribute.subAttributes!.find((candidate) => candidate.name === name)!;
}

function containerFor(resource: ScimObject, resolved: ResolvedAttribute, create: boolean): ScimObject | undefined {
  if (resolved.extension === undefined) {
    return resource;
  }
  const current = resource[resolved.extension];
  if (isObject(current)) {
    return current;
  }
  if (!create) {
    return undefined;
  }
  const created: ScimObject = {};
  resource[resolved.extension] = created;
  return created;
}

function carryUnknownExtensionAttribute(type: ResourceTypeDefinition, resource: ScimObject, operation: PatchOperation, path: AttributePath): void {
  const extension = path.urn === undefined ? undefined : findExtension(type, path.urn);
  if (extension === undefined || path.subAttribute !== undefined) {
    return;
  }
  const current = isObject(resource[extension.id]) ? (resource[extension.id] as ScimObject) : {};
  const merged = operation.op === 'remove' ? withoutKey(current, path.attribute) : { ...current, [path.attribute]: operation.value };
  setOrDelete(resource, extension.id, canonicalExtension(extension, merged));
}

function withoutKey(object: ScimObject, key: string): ScimObject {
  const { [key]: _removed, ...rest } = object;
  return rest;
}

function setOrDelete(container: ScimObject, key: string, value: unknown): void {
  if (value === undefined || value === null) {
    delete container[key];
  } else {
    container[key] = value;
  }
}
