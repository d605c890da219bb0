import { ScimError } from '../scim-error';
import { COMPARE_OPERATORS, type AttributePath, type CompareOperator, type PatchPath, type ScimFilter } from './scim-filter.ast';
import { filterSyntaxError, tokenizeFilter, type FilterToken } from './scim-filter.lexer';

/** Bounds what one request can make the parser (and the SQL built from it) do. */
export const FILTER_LIMITS = { maxLength: 2048, maxDepth: 16, maxTerms: 64 } as const;

const OPERATORS: ReadonlySet<string> = new Set(COMPARE_OPERATORS);
const NAME = /^[A-Za-z$][A-Za-z0-9_$-]*$/;

/** Parses an RFC 7644 §3.4.2.2 filter. Anything it cannot read is an `invalidFilter` error, never "match everything". */
export function parseScimFilter(source: string): ScimFilter {
  const parser = new FilterParser(checkLength(source, 'filter'));
  const filter = parser.parseFilter(0, false);
  parser.expectEnd();
  return filter;
}

/** Parses a PATCH `path` (RFC 7644 §3.5.2): `attr`, `attr.sub`, `urn:…:attr`, `attr[filter]`, `attr[filter].sub`. */
export function parsePatchPath(source: string): PatchPath {
  const parser = new FilterParser(checkLength(source, 'path'), 'invalidPath');
  const result = parser.parsePatchPath();
  parser.expectEnd();
  return result;
}

function checkLength(source: string, what: string): string {
  if (source.length > FILTER_LIMITS.maxLength) {
    throw new ScimError(400, `The ${what} is longer than ${FILTER_LIMITS.maxLength} characters.`, what === 'path' ? 'invalidPath' : 'invalidFilter');
  }
  return source;
}

/** Splits `urn:…:User:manager.value` into the URN, the attribute and the sub-attribute. */
export function splitAttributePath(text: string): AttributePath | undefined {
  let urn: string | undefined;
  let rest = text;
  if (/^urn:/i.test(text)) {
    const colon = text.lastIndexOf(':');
    urn = text.slice(0, colon);
    rest = text.slice(colon + 1);
  }
  const parts = rest.split('.');
  if (parts.length > 2 || !parts.every((part) => NAME.test(part))) {
    return undefined;
  }
  return { ...(urn === undefined ? {} : { urn }), attribute: parts[0], ...(parts[1] === undefined ? {} : { subAttribute: parts[1] }) };
}

class FilterParser {
  private readonly tokens: FilterToken[];
  private position = 0;
  private terms = 0;

  constructor(
    private readonly source: string,
    private readonly scimType: 'invalidFilter' | 'invalidPath' = 'invalidFilter',
  ) {
    this.tokens = this.guard(() => tokenizeFilter(source));
  }

  parseFilter(depth: number, inValuePath: boolean): ScimFilter {
    let left = this.parseAnd(depth, inValuePath);
    while (this.keyword('or')) {
      this.position += 1;
      left = { kind: 'or', left, right: this.parseAnd(depth, inValuePath) };
    }
    return left;
  }

  parsePatchPath(): PatchPath {
    const path = this.attributePath();
    if (this.peek()?.type !== '[') {
      return { path };
    }
    if (path.subAttribute !== undefined) {
      throw this.error('a value filter directly after the attribute name, as in emails[type eq "work"]');
    }
    this.position += 1;
    const filter = this.parseFilter(1, true);
    this.expect(']', '"]" to close the value filter');
    const next = this.peek();
    if (next?.type === 'subAttribute') {
      this.position += 1;
      return { path, filter, subAttribute: next.text };
    }
    return { path, filter };
  }

  expectEnd(): void {
    if (this.position < this.tokens.length) {
      throw this.error('expected "and", "or" or the end of the filter');
    }
  }

  private parseAnd(depth: number, inValuePath: boolean): ScimFilter {
    let left = this.parseUnary(depth, inValuePath);
    while (this.keyword('and')) {
      this.position += 1;
      left = { kind: 'and', left, right: this.parseUnary(depth, inValuePath) };
    }
    return left;
  }

  private parseUnary(depth: number, inValuePath: boolean): ScimFilter {
    if (depth > FILTER_LIMITS.maxDepth) {
      throw new ScimError(400, `The filter nests deeper than ${FILTER_LIMITS.maxDepth} levels.`, this.scimType);
    }
    if (this.keyword('not')) {
      this.position += 1;
      this.expect('(', '"(" after "not"');
      const filter = this.parseFilter(depth + 1, inValuePath);
      this.expect(')', '")" to close "not ("');
      return { kind: 'not', filter };
    }
    if (this.peek()?.type === '(') {
      this.position += 1;
      const filter = this.parseFilter(depth + 1, inValuePath);
      this.expect(')', '")" to close "("');
      return filter;
    }
    return this.parseAttributeExpression(depth, inValuePath);
  }

  private parseAttributeExpression(depth: number, inValuePath: boolean): ScimFilter {
    this.terms += 1;
    if (this.terms > FILTER_LIMITS.maxTerms) {
      throw new ScimError(400, `The filter has more than ${FILTER_LIMITS.maxTerms} comparisons.`, this.scimType);
    }
    const path = this.attributePath();
    const next = this.peek();
    if (next?.type === '[') {
      if (inValuePath || path.subAttribute !== undefined) {
        throw this.error('a comparison operator (value filters cannot nest)');
      }
      this.position += 1;
      const filter = this.parseFilter(depth + 1, true);
      this.expect(']', '"]" to close the value filter');
      return { kind: 'valuePath', path, filter };
    }
    if (next?.type !== 'word') {
      throw this.error('expected an operator: eq, ne, co, sw, ew, gt, ge, lt, le or pr');
    }
    const operator = next.text.toLowerCase();
    this.position += 1;
    if (operator === 'pr') {
      return { kind: 'present', path };
    }
    if (!OPERATORS.has(operator)) {
      this.position -= 1;
      throw this.error('expected an operator: eq, ne, co, sw, ew, gt, ge, lt, le or pr');
    }
    return { kind: 'compare', path, op: operator as CompareOperator, value: this.compareValue() };
  }

  private compareValue(): string | number | boolean | null {
    const token = this.peek();
    this.position += 1;
    if (token?.type === 'string' || token?.type === 'number') {
      return token.value;
    }
    if (token?.type === 'word') {
      switch (token.text.toLowerCase()) {
        case 'true':
          return true;
        case 'false':
          return false;
        case 'null':
          return null;
      }
    }
    this.position -= 1;
    throw this.error('expected a value: a "quoted string", a number, true, false or null');
  }

  private attributePath(): AttributePath {
    const token = this.peek();
    const path = token?.type === 'word' ? splitAttributePath(token.text) : undefined;
    if (path === undefined) {
      throw this.error('expected an attribute name such as userName, name.givenName or emails');
    }
    this.position += 1;
    return path;
  }

  private keyword(word: string): boolean {
    const token = this.peek();
    return token?.type === 'word' && token.text.toLowerCase() === word;
  }

  private expect(type: '(' | ')' | ']', what: string): void {
    if (this.peek()?.type !== type) {
      throw this.error(`expected ${what}`);
    }
    this.position += 1;
  }

  private peek(): FilterToken | undefined {
    return this.tokens[this.position];
  }

  private error(expected: string): ScimError {
    const at = this.peek()?.at ?? this.source.length;
    const error = filterSyntaxError(this.source, at, expected.startsWith('expected') ? expected : `expected ${expected}`);
    return this.scimType === 'invalidPath' ? new ScimError(400, error.detail.replace('The filter', 'The path'), 'invalidPath') : error;
  }

  private guard<T>(work: () => T): T {
    try {
      return work();
    } catch (error) {
      if (error instanceof ScimError && this.scimType === 'invalidPath') {
        throw new ScimError(400, error.detail.replace('The filter', 'The path'), 'invalidPath');
      }
      throw error;
    }
  }
}
