import { AuditQueryErrorCode, AuditQueryException } from './audit-query.exception';

/**
 * The attributes an audit filter may name (SCIM filter syntax, RFC 7644 §3.4.2.2, over the audit
 * record). Kept inside the audit app: a general SCIM filter parser could replace it from libs/scim.
 */
export const FILTER_ATTRIBUTES = {
  eventtype: 'eventType',
  'outcome.result': 'outcome',
  outcome: 'outcome',
  'outcome.reason': 'reason',
  'actor.id': 'actorId',
  'actor.type': 'actorType',
  'target.id': 'targetId',
  'target.type': 'targetType',
  'target.alternateid': 'userName',
  'target.username': 'userName',
  username: 'userName',
  'target.displayname': 'targetName',
  'transaction.id': 'correlationId',
  correlationid: 'correlationId',
  'transaction.causationid': 'causationId',
  causationid: 'causationId',
  uuid: 'id',
  topic: 'topic',
} as const;

export type FilterAttribute = (typeof FILTER_ATTRIBUTES)[keyof typeof FILTER_ATTRIBUTES];
export type CompareOperator = 'eq' | 'ne' | 'co' | 'sw' | 'ew';

export type FilterNode =
  | { kind: 'and' | 'or'; left: FilterNode; right: FilterNode }
  | { kind: 'not'; expression: FilterNode }
  | { kind: 'compare'; attribute: FilterAttribute; operator: CompareOperator; value: string }
  | { kind: 'present'; attribute: FilterAttribute };

export const FILTER_LIMITS = { length: 2000, depth: 8, comparisons: 32, value: 512 };

type Token = { kind: 'word'; text: string; at: number } | { kind: 'string'; text: string; at: number } | { kind: '(' | ')'; at: number };

const OPERATORS = new Set(['eq', 'ne', 'co', 'sw', 'ew']);

function invalid(message: string): AuditQueryException {
  return new AuditQueryException(AuditQueryErrorCode.INVALID_FILTER, `Invalid search criteria: ${message}`, [message]);
}

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  while (index < input.length) {
    const char = input[index];
    if (/\s/.test(char)) {
      index += 1;
    } else if (char === '(' || char === ')') {
      tokens.push({ kind: char, at: index });
      index += 1;
    } else if (char === '"') {
      const match = /^"(?:[^"\\\u0000-\u001f]|\\["\\/bfnrt]|\\u[0-9a-fA-F]{4})*"/.exec(input.slice(index));
      if (match === null) {
        throw invalid(`unterminated or malformed string at position ${index}`);
      }
      tokens.push({ kind: 'string', text: JSON.parse(match[0]) as string, at: index });
      index += match[0].length;
    } else {
      const match = /^[A-Za-z][A-Za-z0-9._]*/.exec(input.slice(index));
      if (match === null) {
        throw invalid(`unexpected character ${JSON.stringify(char)} at position ${index}`);
      }
      tokens.push({ kind: 'word', text: match[0], at: index });
      index += match[0].length;
    }
  }
  return tokens;
}

/** Parses an audit filter, refusing anything outside the grammar, the attribute list or the size limits. */
export function parseAuditFilter(input: string): FilterNode {
  if (input.length > FILTER_LIMITS.length) {
    throw invalid(`a filter is at most ${FILTER_LIMITS.length} characters`);
  }
  const tokens = tokenize(input);
  let position = 0;
  let comparisons = 0;
  const peekWord = (): string | undefined => {
    const token = tokens[position];
    return token?.kind === 'word' ? token.text.toLowerCase() : undefined;
  };
  const expect = (kind: '(' | ')'): void => {
    if (tokens[position]?.kind !== kind) {
      throw invalid(`expected "${kind}" at position ${tokens[position]?.at ?? input.length}`);
    }
    position += 1;
  };
  const parseOr = (depth: number): FilterNode => {
    if (depth > FILTER_LIMITS.depth) {
      throw invalid(`a filter nests at most ${FILTER_LIMITS.depth} levels`);
    }
    let node = parseAnd(depth);
    while (peekWord() === 'or') {
      position += 1;
      node = { kind: 'or', left: node, right: parseAnd(depth) };
    }
    return node;
  };
  const parseAnd = (depth: number): FilterNode => {
    let node = parseUnary(depth);
    while (peekWord() === 'and') {
      position += 1;
      node = { kind: 'and', left: node, right: parseUnary(depth) };
    }
    return node;
  };
  const parseUnary = (depth: number): FilterNode => {
    if (peekWord() === 'not') {
      position += 1;
      expect('(');
      const expression = parseOr(depth + 1);
      expect(')');
      return { kind: 'not', expression };
    }
    if (tokens[position]?.kind === '(') {
      position += 1;
      const node = parseOr(depth + 1);
      expect(')');
      return node;
    }
    return parseComparison();
  };
  const parseComparison = (): FilterNode => {
    const token = tokens[position];
    if (token?.kind !== 'word') {
      throw invalid(`expected an attribute at position ${token?.at ?? input.length}`);
    }
    const attribute = (FILTER_ATTRIBUTES as Record<string, FilterAttribute>)[token.text.toLowerCase()];
    if (attribute === undefined) {
      throw invalid(`unknown attribute "${token.text}"; filterable: ${[...new Set(Object.values(FILTER_ATTRIBUTES))].join(', ')}`);
    }
    comparisons += 1;
    if (comparisons > FILTER_LIMITS.comparisons) {
      throw invalid(`a filter has at most ${FILTER_LIMITS.comparisons} comparisons`);
    }
    position += 1;
    const operator = peekWord();
    position += 1;
    if (operator === 'pr') {
      return { kind: 'present', attribute };
    }
    if (operator === undefined || !OPERATORS.has(operator)) {
      throw invalid(`expected one of eq, ne, co, sw, ew, pr after "${token.text}"`);
    }
    const value = tokens[position];
    position += 1;
    if (value?.kind !== 'string') {
      throw invalid(`expected a quoted string after "${token.text} ${operator}"`);
    }
    if (value.text.length > FILTER_LIMITS.value) {
      throw invalid(`a value is at most ${FILTER_LIMITS.value} characters`);
    }
    return { kind: 'compare', attribute, operator: operator as CompareOperator, value: value.text };
  };
  if (tokens.length === 0) {
    throw invalid('the filter is empty');
  }
  const tree = parseOr(0);
  if (position < tokens.length) {
    throw invalid(`unexpected input at position ${tokens[position].at}`);
  }
  return tree;
}
