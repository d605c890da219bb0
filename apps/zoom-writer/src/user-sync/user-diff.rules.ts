import { SchemaUrns } from '@bridge/scim';

export type UserAttributes = Record<string, unknown>;

// `active` changes go through PATCH, Zoom's documented way to (de)activate; `schemas` goes with every PUT anyway.
const NOT_DIFFED = new Set(['active', 'schemas', 'password']);

/** The attributes the bridge manages on a Zoom user, as last applied or as now desired. */
export function profileOf(user: UserAttributes): UserAttributes {
  return Object.fromEntries(Object.entries(user).filter(([key, value]) => !NOT_DIFFED.has(key) && value !== undefined));
}

/**
 * What changed since the last applied profile: each top-level attribute whose value differs, whole
 * (Zoom's PUT is partial, so a sub-object is sent complete). Unknown previous state means all of it.
 */
export function changedAttributes(applied: UserAttributes | null, desired: UserAttributes): UserAttributes {
  const profile = profileOf(desired);
  if (applied === null) {
    return profile;
  }
  return Object.fromEntries(Object.entries(profile).filter(([key, value]) => canonical(applied[key]) !== canonical(value)));
}

/** Zoom's PUT: only what changed, plus `schemas` (required). */
export function putBody(changed: UserAttributes, desired: UserAttributes): UserAttributes {
  const schemas = Array.isArray(desired['schemas']) ? desired['schemas'] : [SchemaUrns.user];
  return { schemas, ...changed };
}

/** Zoom's PATCH only flips `active`, and only with `Operations` spelled exactly so (case-sensitive). */
export function activePatchBody(active: boolean): UserAttributes {
  return { schemas: [SchemaUrns.patchOp], Operations: [{ op: 'replace', value: { active } }] };
}

function canonical(value: unknown): string {
  return JSON.stringify(sortKeys(value)) ?? 'undefined';
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(sortKeys);
  }
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}
