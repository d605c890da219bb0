import type { ZoomCall } from '@bridge/contracts';

export interface ZoomResponse {
  status: number;
  body: unknown;
  headers: Headers;
  call: ZoomCall;
}

export enum ZoomWriteErrorCode {
  RATE_LIMITED = 'rate-limited',
  DAILY_LIMIT = 'daily-limit',
  CONCURRENT_WRITE = 'concurrent-write',
  ZOOM_UNAVAILABLE = 'zoom-unavailable',
  NETWORK = 'network',
  CREDENTIALS_REJECTED = 'credentials-rejected',
  CREDENTIALS_UNAVAILABLE = 'credentials-unavailable',
  MISSING_SCOPE = 'missing-scope',
  PENDING_OR_FOREIGN_ACCOUNT = 'pending-or-foreign-account',
  USER_EXISTS_ELSEWHERE = 'user-exists-elsewhere',
  DOMAIN_NOT_ASSOCIATED = 'domain-not-associated',
  ADMIN_NOT_DEACTIVATABLE = 'admin-not-deactivatable',
  INVALID_VALUE = 'invalid-value',
  NOT_FOUND = 'not-found',
  UNEXPECTED = 'unexpected-response',
}

export type ZoomFailure = { code: ZoomWriteErrorCode; message: string; retryAt?: Date };

/** Zoom answers errors as SCIM `{detail}` or as `{code, message}`; read both. */
export function zoomErrorText(body: unknown): string {
  if (typeof body === 'object' && body !== null) {
    const record = body as Record<string, unknown>;
    for (const key of ['detail', 'message', 'reason', 'error']) {
      if (typeof record[key] === 'string') {
        return record[key];
      }
    }
  }
  return typeof body === 'string' ? body.slice(0, 300) : '';
}

/** What a non-2xx Zoom answer means for the command that got it. */
export function classifyZoomFailure(status: number, body: unknown, headers: Headers, now: Date = new Date()): ZoomFailure {
  const text = zoomErrorText(body);
  if (status === 429) {
    if (/concurrent/i.test(text)) {
      // One user written twice at once: only that command waits, the account's budget is fine.
      return { code: ZoomWriteErrorCode.CONCURRENT_WRITE, message: text, retryAt: retryAtFrom(headers.get('retry-after'), false, now) };
    }
    const daily = headers.get('x-ratelimit-type')?.toLowerCase() === 'daily-limit' || /daily/i.test(text);
    return {
      code: daily ? ZoomWriteErrorCode.DAILY_LIMIT : ZoomWriteErrorCode.RATE_LIMITED,
      message: text || 'Zoom rate limit reached',
      retryAt: retryAtFrom(headers.get('retry-after'), daily, now),
    };
  }
  if (status >= 500) {
    return { code: ZoomWriteErrorCode.ZOOM_UNAVAILABLE, message: `Zoom answered ${status}: ${text}`.trim() };
  }
  if (status === 401) {
    return { code: ZoomWriteErrorCode.CREDENTIALS_REJECTED, message: `Zoom rejected the bridge's credentials: ${text}`.trim() };
  }
  if (status === 403 || /scope/i.test(text)) {
    return { code: ZoomWriteErrorCode.MISSING_SCOPE, message: `Zoom refused the call (missing scim2:admin scope?): ${text}`.trim() };
  }
  if (/not exist or not belong/i.test(text)) {
    return { code: ZoomWriteErrorCode.PENDING_OR_FOREIGN_ACCOUNT, message: text };
  }
  if (status === 409 || /already exist/i.test(text)) {
    return { code: ZoomWriteErrorCode.USER_EXISTS_ELSEWHERE, message: text || 'the user already exists in Zoom' };
  }
  if (/domain/i.test(text)) {
    return { code: ZoomWriteErrorCode.DOMAIN_NOT_ASSOCIATED, message: text };
  }
  if (/admin/i.test(text) && /deactivat/i.test(text)) {
    return { code: ZoomWriteErrorCode.ADMIN_NOT_DEACTIVATABLE, message: text };
  }
  if (status === 404) {
    return { code: ZoomWriteErrorCode.NOT_FOUND, message: text || 'not found in Zoom' };
  }
  if (status === 400) {
    return { code: ZoomWriteErrorCode.INVALID_VALUE, message: text || 'Zoom rejected a value' };
  }
  return { code: ZoomWriteErrorCode.UNEXPECTED, message: `Zoom answered ${status}: ${text}`.trim() };
}

/** `Retry-After` in seconds or as a date; a daily limit without one lasts until 00:00 UTC. */
export function retryAtFrom(header: string | null, daily: boolean, now: Date): Date {
  if (header !== null && /^\d+(\.\d+)?$/.test(header.trim())) {
    return new Date(now.getTime() + Number(header.trim()) * 1000);
  }
  if (header !== null && !Number.isNaN(Date.parse(header))) {
    return new Date(Date.parse(header));
  }
  if (daily) {
    return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1));
  }
  return new Date(now.getTime() + 1000);
}

/** What a command that got this failure does next. */
export type CommandDisposition = 'retry' | 'dead-letter' | 'quarantine';

/** The one place a Zoom failure becomes behaviour. */
export function commandDisposition(code: ZoomWriteErrorCode): CommandDisposition {
  switch (code) {
    case ZoomWriteErrorCode.RATE_LIMITED:
    case ZoomWriteErrorCode.DAILY_LIMIT:
    case ZoomWriteErrorCode.CONCURRENT_WRITE:
    case ZoomWriteErrorCode.ZOOM_UNAVAILABLE:
    case ZoomWriteErrorCode.NETWORK:
      return 'retry';
    // Every call of the tenant would fail the same way: stop calling and keep the work queued.
    case ZoomWriteErrorCode.CREDENTIALS_REJECTED:
    case ZoomWriteErrorCode.CREDENTIALS_UNAVAILABLE:
    case ZoomWriteErrorCode.MISSING_SCOPE:
      return 'quarantine';
    case ZoomWriteErrorCode.PENDING_OR_FOREIGN_ACCOUNT:
    case ZoomWriteErrorCode.USER_EXISTS_ELSEWHERE:
    case ZoomWriteErrorCode.DOMAIN_NOT_ASSOCIATED:
    case ZoomWriteErrorCode.ADMIN_NOT_DEACTIVATABLE:
    case ZoomWriteErrorCode.INVALID_VALUE:
    case ZoomWriteErrorCode.NOT_FOUND:
    case ZoomWriteErrorCode.UNEXPECTED:
      return 'dead-letter';
    default: {
      const unhandled: never = code;
      throw new Error(`unclassified Zoom error code ${String(unhandled)}`);
    }
  }
}
