import { ZoomWriteErrorCode } from '../zoom-api/zoom-response.rules';
import { retryTime } from './retry-schedule.rules';

const now = 1_000_000;
const half = (): number => 0.5;

describe('retryTime', () => {
  it.each([
    ['a 429 at its Retry-After', ZoomWriteErrorCode.RATE_LIMITED, 1, new Date(now + 2000), now + 2000],
    ['a 429 without one a second later', ZoomWriteErrorCode.RATE_LIMITED, 1, undefined, now + 1000],
    ['a daily limit at midnight', ZoomWriteErrorCode.DAILY_LIMIT, 1, new Date(now + 3_600_000), now + 3_600_000],
    ['a first 503 after the initial backoff', ZoomWriteErrorCode.ZOOM_UNAVAILABLE, 1, undefined, now + 500],
    ['a fourth network error later', ZoomWriteErrorCode.NETWORK, 4, undefined, now + 4000],
    ['a 503 with Retry-After no earlier than it', ZoomWriteErrorCode.ZOOM_UNAVAILABLE, 1, new Date(now + 9000), now + 9000],
    ['a long outage capped at a minute', ZoomWriteErrorCode.ZOOM_UNAVAILABLE, 30, undefined, now + 60_000],
  ])('schedules %s', (_label, code, attempts, zoomRetryAt, expected) => {
    expect(retryTime(code, attempts, zoomRetryAt, now, undefined, half).getTime()).toBe(expected);
  });
});
