import { ZoomWriteErrorCode, classifyZoomFailure, commandDisposition, retryAtFrom } from './zoom-response.rules';

const now = new Date('2026-11-29T10:00:00.000Z');
const headers = (values: Record<string, string> = {}): Headers => new Headers(values);

describe('classifyZoomFailure', () => {
  it.each([
    [429, { code: 429, message: 'You have reached the maximum per-second rate limit for this API.' }, { 'retry-after': '2' }, ZoomWriteErrorCode.RATE_LIMITED],
    [429, { code: 429, message: 'You have reached the maximum daily rate limit for this API. you can resume at GMT 00:00:00.' }, {}, ZoomWriteErrorCode.DAILY_LIMIT],
    [429, { code: 429, message: 'Too many concurrent requests' }, {}, ZoomWriteErrorCode.CONCURRENT_WRITE],
    [429, undefined, {}, ZoomWriteErrorCode.RATE_LIMITED],
    [503, { detail: 'down' }, {}, ZoomWriteErrorCode.ZOOM_UNAVAILABLE],
    [401, { code: 124, message: 'Invalid access token.' }, {}, ZoomWriteErrorCode.CREDENTIALS_REJECTED],
    [403, { code: 4711, message: 'Invalid access token, does not contain scopes:[scim2:admin].' }, {}, ZoomWriteErrorCode.MISSING_SCOPE],
    [400, { detail: 'User a@b.com not exist or not belong to this account.', status: 400 }, {}, ZoomWriteErrorCode.PENDING_OR_FOREIGN_ACCOUNT],
    [409, { detail: 'User already exists', status: 409 }, {}, ZoomWriteErrorCode.USER_EXISTS_ELSEWHERE],
    [400, { detail: "Domain name doesn't match", status: 400 }, {}, ZoomWriteErrorCode.DOMAIN_NOT_ASSOCIATED],
    [400, { detail: 'Admin type user cannot be deactivated', status: 400 }, {}, ZoomWriteErrorCode.ADMIN_NOT_DEACTIVATABLE],
    [400, { detail: 'Invalid field: foo' }, {}, ZoomWriteErrorCode.INVALID_VALUE],
    [404, { detail: 'User not found' }, {}, ZoomWriteErrorCode.NOT_FOUND],
    [418, 'teapot', {}, ZoomWriteErrorCode.UNEXPECTED],
  ])('classifies %s %j', (status, body, headerValues, code) => {
    expect(classifyZoomFailure(status, body, headers(headerValues), now).code).toBe(code);
  });

  it('treats a 429 marked Daily-limit by header as daily even with a plain body', () => {
    const failure = classifyZoomFailure(429, {}, headers({ 'x-ratelimit-type': 'Daily-limit' }), now);
    expect(failure.code).toBe(ZoomWriteErrorCode.DAILY_LIMIT);
    expect(failure.retryAt?.toISOString()).toBe('2026-11-30T00:00:00.000Z');
  });
});

describe('retryAtFrom', () => {
  it.each([
    ['2', false, '2026-11-29T10:00:02.000Z'],
    ['0.5', false, '2026-11-29T10:00:00.500Z'],
    ['2026-11-30T00:00:00Z', true, '2026-11-30T00:00:00.000Z'],
    [null, true, '2026-11-30T00:00:00.000Z'],
    [null, false, '2026-11-29T10:00:01.000Z'],
  ])('reads Retry-After %p (daily %p) as %s', (header, daily, expected) => {
    expect(retryAtFrom(header, daily, now).toISOString()).toBe(expected);
  });
});

describe('commandDisposition', () => {
  it.each([
    [ZoomWriteErrorCode.RATE_LIMITED, 'retry'],
    [ZoomWriteErrorCode.ZOOM_UNAVAILABLE, 'retry'],
    [ZoomWriteErrorCode.NETWORK, 'retry'],
    [ZoomWriteErrorCode.CREDENTIALS_REJECTED, 'quarantine'],
    [ZoomWriteErrorCode.MISSING_SCOPE, 'quarantine'],
    [ZoomWriteErrorCode.PENDING_OR_FOREIGN_ACCOUNT, 'dead-letter'],
    [ZoomWriteErrorCode.ADMIN_NOT_DEACTIVATABLE, 'dead-letter'],
  ])('%s → %s', (code, expected) => {
    expect(commandDisposition(code)).toBe(expected);
  });

  it.each(Object.values(ZoomWriteErrorCode))('has a decision for %s', (code) => {
    expect(['retry', 'dead-letter', 'quarantine']).toContain(commandDisposition(code));
  });
});
