import { SchemaUrns } from '@bridge/scim';

export type FilterValue = string | number | boolean;

export interface FilterClause {
  attribute: string;
  value: FilterValue;
}

export interface PathSegment {
  attribute: string;
  /** `[type eq "work" and primary eq true]`: every clause must hold. */
  filter: readonly FilterClause[];
}

export interface ScimPath {
  text: string;
  /** The extension the path reads from; undefined for core attributes. */
  urn: string | undefined;
  segments: readonly PathSegment[];
}

export type ParsedPath = { ok: true; path: ScimPath } | { ok: false; problem: string };

const NAME = /^[A-Za-z_][A-Za-z0-9_$-]*/;
const CLAUSE = /^\s*([A-Za-z_][A-Za-z0-9_$-]*)\s+eq\s+("(?:[^"\\]|\\["\\])*"|true|false|-?\d+(?:\.\d+)?)\s*/i;
// Okta never sends a password to the bridge, and a mapping must never be a way to forward one.
const FORBIDDEN = new Set(['password']);

/**
 * Parses a SCIM attribute path: `title`, `name.givenName`, `emails[type eq "work"].value`, or the
 * same behind a schema URN (`urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department`,
 * `urn:okta:custom:1.0:User:costCode`). Filters support `eq` clauses joined by `and`.
 */
export function parseScimPath(text: string): ParsedPath {
  const trimmed = text.trim();
  const split = splitUrn(trimmed);
  if (!split.ok) {
    return split;
  }
  const segments: PathSegment[] = [];
  let rest = split.attributePath;
  for (;;) {
    const name = NAME.exec(rest)?.[0];
    if (name === undefined) {
      return { ok: false, problem: `expected an attribute name at "${rest || '(end)'}"` };
    }
    if (FORBIDDEN.has(name.toLowerCase())) {
      return { ok: false, problem: 'passwords are never mapped' };
    }
    rest = rest.slice(name.length);
    let filter: FilterClause[] = [];
    if (rest.startsWith('[')) {
      const close = closingBracket(rest);
      if (close < 0) {
        return { ok: false, problem: 'a "[" filter is not closed with "]"' };
      }
      const parsed = parseFilter(rest.slice(1, close));
      if (!parsed.ok) {
        return parsed;
      }
      filter = parsed.clauses;
      rest = rest.slice(close + 1);
    }
    segments.push({ attribute: name, filter });
    if (rest === '') {
      return { ok: true, path: { text: trimmed, urn: split.urn, segments } };
    }
    if (!rest.startsWith('.')) {
      return { ok: false, problem: `expected "." or the end after "${name}", found "${rest}"` };
    }
    rest = rest.slice(1);
  }
}

/**
 * The value at `path` in a SCIM user. A multi-valued attribute gives its first entry that matches
 * the filter (its first entry without one); attribute names match without regard to case, as in SCIM.
 */
export function readScimPath(user: Readonly<Record<string, unknown>>, path: ScimPath): unknown {
  let node: unknown = path.urn === undefined ? user : attributeOf(user, path.urn);
  for (const segment of path.segments) {
    node = attributeOf(firstEntry(node), segment.attribute);
    if (segment.filter.length > 0) {
      const entries = Array.isArray(node) ? (node as unknown[]) : [node];
      node = entries.find((entry) => segment.filter.every((clause) => clauseHolds(entry, clause)));
    }
  }
  return node;
}

/** Equality as SCIM filters compare: strings without regard to case. */
export function sameValue(actual: unknown, expected: FilterValue): boolean {
  if (typeof actual === 'string' && typeof expected === 'string') {
    return actual.trim().toLowerCase() === expected.trim().toLowerCase();
  }
  if ((typeof actual === 'number' || typeof actual === 'boolean' || typeof actual === 'string') && typeof expected !== 'string') {
    return String(actual).trim().toLowerCase() === String(expected);
  }
  return false;
}

function splitUrn(text: string): { ok: true; urn: string | undefined; attributePath: string } | { ok: false; problem: string } {
  if (!/^urn:/i.test(text)) {
    return { ok: true, urn: undefined, attributePath: text };
  }
  const colon = lastColonOutsideFilters(text);
  const urn = text.slice(0, colon);
  if (colon <= 'urn:'.length || urn.split(':').length < 3) {
    return { ok: false, problem: 'a URN path needs the schema URN, a ":" and the attribute, such as urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department' };
  }
  const isCore = urn.toLowerCase() === SchemaUrns.user.toLowerCase();
  return { ok: true, urn: isCore ? undefined : urn, attributePath: text.slice(colon + 1) };
}

function lastColonOutsideFilters(text: string): number {
  let depth = 0;
  let quoted = false;
  let last = -1;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    if (char === '"' && text[index - 1] !== '\\') {
      quoted = !quoted;
    } else if (!quoted && char === '[') {
      depth += 1;
    } else if (!quoted && char === ']') {
      depth -= 1;
    } else if (!quoted && depth === 0 && char === ':') {
      last = index;
    }
  }
  return last;
}

function closingBracket(text: string): number {
  let quoted = false;
  for (let index = 1; index < text.length; index += 1) {
    const char = text[index];
    if (char === '"' && text[index - 1] !== '\\') {
      quoted = !quoted;
    } else if (!quoted && char === ']') {
      return index;
    }
  }
  return -1;
}

function parseFilter(text: string): { ok: true; clauses: FilterClause[] } | { ok: false; problem: string } {
  const clauses: FilterClause[] = [];
  let rest = text;
  for (;;) {
    const match = CLAUSE.exec(rest);
    if (match === null) {
      return { ok: false, problem: `expected a filter such as [type eq "work"], found [${text}]` };
    }
    clauses.push({ attribute: match[1] ?? '', value: literal(match[2] ?? '') });
    rest = rest.slice(match[0].length);
    if (rest === '') {
      return { ok: true, clauses };
    }
    const and = /^and\s+/i.exec(rest);
    if (and === null) {
      return { ok: false, problem: `filters join clauses with "and" only, found [${text}]` };
    }
    rest = rest.slice(and[0].length);
  }
}

function literal(token: string): FilterValue {
  if (token.startsWith('"')) {
    return JSON.parse(token) as string;
  }
  if (token.toLowerCase() === 'true' || token.toLowerCase() === 'false') {
    return token.toLowerCase() === 'true';
  }
  return Number(token);
}

function firstEntry(node: unknown): unknown {
  return Array.isArray(node) ? (node as unknown[])[0] : node;
}

function attributeOf(node: unknown, attribute: string): unknown {
  if (typeof node !== 'object' || node === null || Array.isArray(node)) {
    return undefined;
  }
  const record = node as Record<string, unknown>;
  if (attribute in record) {
    return record[attribute];
  }
  const key = Object.keys(record).find((candidate) => candidate.toLowerCase() === attribute.toLowerCase());
  return key === undefined ? undefined : record[key];
}

function clauseHolds(entry: unknown, clause: FilterClause): boolean {
  return sameValue(attributeOf(entry, clause.attribute), clause.value);
}
