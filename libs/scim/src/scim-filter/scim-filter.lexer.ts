import { ScimError } from '../scim-error';

export type FilterToken =
  | { type: '(' | ')' | '[' | ']'; at: number }
  | { type: 'word'; text: string; at: number }
  | { type: 'string'; value: string; at: number }
  | { type: 'number'; value: number; at: number }
  | { type: 'subAttribute'; text: string; at: number };

// `$ref` is a real sub-attribute name; URNs bring ":" and "." (urn:...:enterprise:2.0:User:manager.value).
const WORD = /[A-Za-z$][A-Za-z0-9_$:.-]*/y;
const STRING = /"(?:[^"\\\u0000-\u001f]|\\.)*"/y;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?(?![A-Za-z0-9_])/y;
const SUB_ATTRIBUTE = /\.([A-Za-z$][A-Za-z0-9_$-]*)/y;

export function filterSyntaxError(source: string, at: number, expected: string): ScimError {
  const near = source.slice(at, at + 20);
  const where = at >= source.length ? 'at the end' : `at character ${at + 1} (${JSON.stringify(near)})`;
  return new ScimError(400, `The filter ${JSON.stringify(truncate(source))} could not be read ${where}: ${expected}.`, 'invalidFilter');
}

function truncate(source: string): string {
  return source.length > 120 ? `${source.slice(0, 117)}...` : source;
}

/** Splits a filter or PATCH path into tokens; anything unexpected is an `invalidFilter` error. */
export function tokenizeFilter(source: string): FilterToken[] {
  const tokens: FilterToken[] = [];
  let at = 0;
  while (at < source.length) {
    const char = source[at];
    if (char === ' ' || char === '\t' || char === '\n' || char === '\r') {
      at += 1;
      continue;
    }
    if (char === '(' || char === ')' || char === '[' || char === ']') {
      tokens.push({ type: char, at });
      at += 1;
      continue;
    }
    if (char === '.' && tokens[tokens.length - 1]?.type === ']') {
      at = readWith(SUB_ATTRIBUTE, source, at, 'a sub-attribute name after "]."', (match) =>
        tokens.push({ type: 'subAttribute', text: match[1], at }),
      );
      continue;
    }
    if (char === '"') {
      at = readWith(STRING, source, at, 'a string closed by a double quote', (match) =>
        tokens.push({ type: 'string', value: decodeString(source, at, match[0]), at }),
      );
      continue;
    }
    if (char === '-' || (char >= '0' && char <= '9')) {
      at = readWith(NUMBER, source, at, 'a number', (match) => tokens.push({ type: 'number', value: Number(match[0]), at }));
      continue;
    }
    at = readWith(WORD, source, at, 'an attribute name, an operator or a value', (match) =>
      tokens.push({ type: 'word', text: match[0], at }),
    );
  }
  return tokens;
}

function readWith(pattern: RegExp, source: string, at: number, expected: string, onMatch: (match: RegExpExecArray) => void): number {
  pattern.lastIndex = at;
  const match = pattern.exec(source);
  if (match === null) {
    throw filterSyntaxError(source, at, `expected ${expected}`);
  }
  onMatch(match);
  return at + match[0].length;
}

function decodeString(source: string, at: number, literal: string): string {
  try {
    return JSON.parse(literal) as string;
  } catch (error) {
    throw Object.assign(filterSyntaxError(source, at, 'the string has an invalid escape sequence'), { cause: error });
  }
}
