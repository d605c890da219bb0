import type { z } from 'zod';

const MAX_ECHOED_LENGTH = 16;

const TYPE_NAMES: Record<string, string> = {
  object: 'a mapping',
  array: 'a list',
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
};

/**
 * Zod's default wording ("Invalid input: expected object, received undefined") is written for
 * developers; the registry is edited by operators, so the messages say what to write instead.
 */
export const describeRegistryIssue: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) {
        return 'is required';
      }
      return `expected ${TYPE_NAMES[issue.expected] ?? issue.expected}, got ${describeValue(issue.input)}`;
    case 'too_small':
      return describeBound(issue.origin, 'at least', issue.inclusive ?? true, Number(issue.minimum));
    case 'too_big':
      return describeBound(issue.origin, 'at most', issue.inclusive ?? true, Number(issue.maximum));
    case 'invalid_value':
      return `expected ${issue.values.map((value) => JSON.stringify(value)).join(' or ')}`;
    case 'unrecognized_keys':
      return `unknown key (allowed here: ${allowedKeys(issue.inst).join(', ')})`;
    default:
      return undefined;
  }
};

function describeBound(origin: string, bound: 'at least' | 'at most', inclusive: boolean, limit: number): string {
  if (origin === 'array') {
    return `needs ${bound} ${limit} ${limit === 1 ? 'entry' : 'entries'}`;
  }
  if (origin === 'string') {
    return limit === 1 && bound === 'at least' ? 'must not be empty' : `needs ${bound} ${limit} characters`;
  }
  if (!inclusive) {
    return `must be ${bound === 'at least' ? 'greater' : 'less'} than ${limit}`;
  }
  return `must be ${bound} ${limit}`;
}

function allowedKeys(schema: unknown): string[] {
  const shape = (schema as { shape?: unknown } | undefined)?.shape;
  return typeof shape === 'object' && shape !== null ? Object.keys(shape) : [];
}

function describeValue(value: unknown): string {
  if (value === null) {
    return 'null (an empty value)';
  }
  if (Array.isArray(value)) {
    return 'a list';
  }
  if (typeof value === 'object') {
    return 'a mapping';
  }
  // Long strings are not echoed: a token pasted into the wrong field must not reach the logs.
  if (typeof value === 'string' && value.length > MAX_ECHOED_LENGTH) {
    return `a string of ${value.length} characters`;
  }
  return `${typeof value} ${JSON.stringify(value)}`;
}
