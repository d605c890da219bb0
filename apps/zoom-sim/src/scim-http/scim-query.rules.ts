/** `attribute eq "value"`: the only filter Zoom's SCIM2 API supports. */
export interface EqualityFilter {
  attribute: string;
  value: string;
}

const EQUALITY = /^\s*([A-Za-z][\w.:-]*)\s+eq\s+"((?:[^"\\]|\\.)*)"\s*$/i;

/** Parses `userName eq "a@b.c"` (operator case-insensitive, `\"` and `\\` unescaped); anything else is undefined. */
export function parseEqualityFilter(filter: string): EqualityFilter | undefined {
  const match = EQUALITY.exec(filter);
  if (match?.[1] === undefined || match[2] === undefined) {
    return undefined;
  }
  return { attribute: match[1], value: match[2].replace(/\\(["\\])/g, '$1') };
}

/** A filter query value as text for an error message (a repeated parameter arrives as an array). */
export function describeFilter(filter: unknown): string {
  return typeof filter === 'string' ? filter : JSON.stringify(filter);
}

export interface Paging {
  /** 1-based, as in SCIM. */
  startIndex: number;
  count: number;
}

export const DEFAULT_PAGE_SIZE = 30;
export const MAX_PAGE_SIZE = 100;

/** SCIM paging from query values: a missing or bad value takes the default, out-of-range ones are clamped. */
export function readPaging(startIndex: unknown, count: unknown): Paging {
  const start = integerOf(startIndex);
  const size = integerOf(count);
  return {
    startIndex: start === undefined || start < 1 ? 1 : start,
    count: size === undefined ? DEFAULT_PAGE_SIZE : Math.min(Math.max(size, 0), MAX_PAGE_SIZE),
  };
}

/** The page of `items` that `paging` asks for, walking the iterable only as far as needed. */
export function pageOf<T>(items: Iterable<T>, paging: Paging): T[] {
  const page: T[] = [];
  if (paging.count === 0) {
    return page;
  }
  let position = 0;
  for (const item of items) {
    position += 1;
    if (position < paging.startIndex) {
      continue;
    }
    page.push(item);
    if (page.length === paging.count) {
      break;
    }
  }
  return page;
}

function integerOf(value: unknown): number | undefined {
  if (typeof value !== 'string' || !/^-?\d{1,9}$/.test(value.trim())) {
    return undefined;
  }
  return Number(value.trim());
}
