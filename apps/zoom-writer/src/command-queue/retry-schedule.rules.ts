import { DEFAULT_BACKOFF, backoffDelay, type BackoffPolicy } from '@bridge/kafka';
import { ZoomWriteErrorCode } from '../zoom-api/zoom-response.rules';

export function zoomRetryBackoff(initialMs: number, maxMs: number): BackoffPolicy {
  return { ...DEFAULT_BACKOFF, initialMs, maxMs };
}

const DEFAULT_ZOOM_BACKOFF = zoomRetryBackoff(500, 60_000);

/**
 * When a command that failed transiently runs again. Rate limits wait exactly for Zoom's retry
 * time (the budget already paces the account); outages and network errors back off with jitter,
 * never earlier than a Retry-After Zoom sent.
 */
export function retryTime(
  code: ZoomWriteErrorCode,
  attempts: number,
  zoomRetryAt: Date | undefined,
  now: number,
  policy: BackoffPolicy = DEFAULT_ZOOM_BACKOFF,
  random: () => number = Math.random,
): Date {
  const floor = zoomRetryAt?.getTime() ?? now;
  switch (code) {
    case ZoomWriteErrorCode.RATE_LIMITED:
    case ZoomWriteErrorCode.DAILY_LIMIT:
    case ZoomWriteErrorCode.CONCURRENT_WRITE:
      return new Date(Math.max(floor, now + (zoomRetryAt === undefined ? 1000 : 0)));
    default:
      return new Date(Math.max(floor, now + backoffDelay(attempts, policy, random)));
  }
}
