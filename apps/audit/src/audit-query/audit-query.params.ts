import { parseAuditFilter, type FilterNode } from './audit-filter.parser';
import { decodeCursor, type AuditCursor } from './audit-cursor';
import { AuditQueryErrorCode, AuditQueryException } from './audit-query.exception';

export type SortOrder = 'ASCENDING' | 'DESCENDING';

export interface AuditEventQuery {
  since: Date;
  until: Date | undefined;
  after: AuditCursor | undefined;
  filter: FilterNode | undefined;
  keywords: string[];
  limit: number;
  sortOrder: SortOrder;
}

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;
const DEFAULT_WINDOW_MS = 7 * 24 * 3600 * 1000;
const MAX_KEYWORDS = 10;
const MAX_KEYWORD_LENGTH = 40;

export type RawQuery = Record<string, unknown>;

function invalid(name: string, message: string): AuditQueryException {
  return new AuditQueryException(AuditQueryErrorCode.INVALID_PARAMETER, `Api validation failed: ${name}`, [`${name}: ${message}`]);
}

/** One query parameter as a string; a repeated parameter is refused rather than guessed at. */
export function single(raw: RawQuery, name: string): string | undefined {
  const value = raw[name];
  if (value === undefined || value === '') {
    return undefined;
  }
  if (typeof value !== 'string') {
    throw invalid(name, 'give it once, as plain text');
  }
  return value;
}

export function parseTime(raw: RawQuery, name: string): Date | undefined {
  const value = single(raw, name);
  if (value === undefined) {
    return undefined;
  }
  const parsed = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(value) ? new Date(value) : new Date(NaN);
  if (Number.isNaN(parsed.getTime())) {
    throw invalid(name, `must be an ISO 8601 time such as 2026-01-31T00:00:00Z, not ${JSON.stringify(value.slice(0, 60))}`);
  }
  return parsed;
}

export function parseLimit(raw: RawQuery): number {
  const value = single(raw, 'limit');
  if (value === undefined) {
    return DEFAULT_LIMIT;
  }
  const limit = /^\d{1,7}$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(limit) || limit < 1) {
    throw invalid('limit', `must be a positive integer, not ${JSON.stringify(value.slice(0, 20))}`);
  }
  return Math.min(limit, MAX_LIMIT);
}

/** The System Log parameters: since, until, after, filter, q, limit, sortOrder. */
export function parseAuditEventQuery(raw: RawQuery, now: Date = new Date()): AuditEventQuery {
  const since = parseTime(raw, 'since') ?? new Date(now.getTime() - DEFAULT_WINDOW_MS);
  const until = parseTime(raw, 'until');
  if (until !== undefined && until <= since) {
    throw invalid('until', 'must be later than since');
  }
  const sortOrder = single(raw, 'sortOrder') ?? 'ASCENDING';
  if (sortOrder !== 'ASCENDING' && sortOrder !== 'DESCENDING') {
    throw invalid('sortOrder', 'must be ASCENDING or DESCENDING');
  }
  const after = single(raw, 'after');
  const filter = single(raw, 'filter');
  const keywords = (single(raw, 'q') ?? '').split(/\s+/).filter(Boolean);
  if (keywords.length > MAX_KEYWORDS || keywords.some((keyword) => keyword.length > MAX_KEYWORD_LENGTH)) {
    throw invalid('q', `at most ${MAX_KEYWORDS} keywords of at most ${MAX_KEYWORD_LENGTH} characters`);
  }
  return {
    since,
    until,
    after: after === undefined ? undefined : decodeCursor(after),
    filter: filter === undefined ? undefined : parseAuditFilter(filter),
    keywords,
    limit: parseLimit(raw),
    sortOrder,
  };
}
