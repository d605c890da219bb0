import { lookupKey, type Condition, type Scalar, type ValueSource } from '../mapping-rules/mapping-rule.model';
import { readScimPath, sameValue, type ScimPath } from '../mapping-rules/scim-path.rules';
import { renderTemplate } from '../mapping-rules/template.rules';

type ScimUser = Readonly<Record<string, unknown>>;

/** What a transform produced, and which Okta attribute it read (for rejection messages). */
export type Produced =
  | { kind: 'value'; value: unknown; read: string }
  | { kind: 'missing'; read: string }
  | { kind: 'lookup-miss'; key: string; read: string };

/** Whether every condition of a rule holds for this user (a rule without conditions always applies). */
export function conditionsHold(conditions: readonly Condition[], user: ScimUser): boolean {
  return conditions.every((condition) => conditionHolds(condition, user));
}

export function conditionHolds({ attribute, test }: Condition, user: ScimUser): boolean {
  const value = readScimPath(user, attribute);
  if ('present' in test) {
    return hasValue(value) === test.present;
  }
  if ('equals' in test) {
    return sameValue(value, test.equals);
  }
  if ('notEquals' in test) {
    return !sameValue(value, test.notEquals);
  }
  return test.in.some((candidate) => sameValue(value, candidate));
}

export function produceValue(source: ValueSource, user: ScimUser): Produced {
  switch (source.kind) {
    case 'copy':
    case 'trim':
    case 'lowercase': {
      const found = firstPresent(source.from, user);
      if (found === undefined) {
        return { kind: 'missing', read: describeSources(source.from) };
      }
      return { kind: 'value', value: reshape(source.kind, found.value), read: found.path.text };
    }
    case 'template': {
      const text = renderTemplate(source.parts, (path) => readScimPath(user, path));
      const read = `the template "${source.template}"`;
      return text === undefined ? { kind: 'missing', read } : { kind: 'value', value: text, read };
    }
    case 'constant':
      return { kind: 'value', value: source.value, read: 'its constant' };
    case 'lookup':
      return lookUp(source, user);
  }
}

function lookUp(source: Extract<ValueSource, { kind: 'lookup' }>, user: ScimUser): Produced {
  const found = firstPresent(source.from, user);
  if (found === undefined) {
    const read = describeSources(source.from);
    return source.fallback === undefined ? { kind: 'missing', read } : { kind: 'value', value: source.fallback, read };
  }
  const read = found.path.text;
  if (!isScalar(found.value)) {
    return { kind: 'value', value: found.value, read };
  }
  const mapped: Scalar | undefined = source.table.get(lookupKey(found.value)) ?? source.fallback;
  return mapped === undefined ? { kind: 'lookup-miss', key: String(found.value), read } : { kind: 'value', value: mapped, read };
}

function reshape(kind: 'copy' | 'trim' | 'lowercase', value: unknown): unknown {
  if (typeof value !== 'string' || kind === 'copy') {
    return value;
  }
  return kind === 'trim' ? value.trim() : value.trim().toLowerCase();
}

function firstPresent(paths: readonly ScimPath[], user: ScimUser): { path: ScimPath; value: unknown } | undefined {
  for (const path of paths) {
    const value = readScimPath(user, path);
    if (hasValue(value)) {
      return { path, value };
    }
  }
  return undefined;
}

/** Empty text, null and empty lists count as no value, as Okta sends them for cleared fields. */
function hasValue(value: unknown): boolean {
  if (value === undefined || value === null) {
    return false;
  }
  if (typeof value === 'string') {
    return value.trim() !== '';
  }
  return !Array.isArray(value) || value.length > 0;
}

function isScalar(value: unknown): value is Scalar {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

function describeSources(paths: readonly ScimPath[]): string {
  return paths.map((path) => path.text).join(' or ');
}
