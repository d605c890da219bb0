import { SchemaUrns } from '@bridge/scim';
import { zoomErrorReply } from './zoom-error.rules';
import { ZoomSimErrorCode } from './zoom-sim.exception';

describe('zoomErrorReply', () => {
  it.each([
    { code: ZoomSimErrorCode.INVALID_ACCESS_TOKEN, status: 401, body: { code: 124, message: 'Invalid access token.' } },
    { code: ZoomSimErrorCode.EXPIRED_ACCESS_TOKEN, status: 401, body: { code: 124, message: 'Access token is expired.' } },
    { code: ZoomSimErrorCode.MISSING_SCOPE, status: 403, body: { code: 4711, message: 'Invalid access token, does not contain scopes:[scim2:admin].' } },
    { code: ZoomSimErrorCode.QPS_LIMIT, status: 429, body: { code: 429, message: 'You have reached the maximum per-second rate limit for this API. Try again later.' } },
    {
      code: ZoomSimErrorCode.DAILY_LIMIT,
      status: 429,
      body: { code: 429, message: 'You have reached the maximum daily rate limit for this API. Please try again tomorrow, you can resume at GMT 00:00:00.' },
    },
    { code: ZoomSimErrorCode.TOO_MANY_CONCURRENT, status: 429, body: { code: 429, message: 'Too many concurrent requests' } },
    { code: ZoomSimErrorCode.BODY_TOO_LARGE, status: 400, body: { code: 300, message: 'Request body too large' } },
    { code: ZoomSimErrorCode.DEFAULT_GROUP_NOT_DELETABLE, status: 400, body: { code: 4131, message: 'Cannot delete account default group.' } },
    { code: ZoomSimErrorCode.INJECTED_502, status: 502, body: { code: 502, message: 'Bad Gateway' } },
  ])('answers $code in the {code, message} style with $status', ({ code, status, body }) => {
    expect(zoomErrorReply(code)).toEqual({ status, body });
  });

  it.each([
    { code: ZoomSimErrorCode.USER_EXISTS, status: 409 },
    { code: ZoomSimErrorCode.USER_NOT_FOUND, status: 404 },
    { code: ZoomSimErrorCode.DOMAIN_MISMATCH, status: 400 },
    { code: ZoomSimErrorCode.INVALID_ACTIVE_PATCH, status: 400 },
    { code: ZoomSimErrorCode.ADMIN_NOT_DEACTIVATABLE, status: 400 },
  ])('answers $code in the SCIM style with a numeric status $status', ({ code, status }) => {
    const reply = zoomErrorReply(code, 'the detail');
    expect(reply).toEqual({ status, body: { schemas: [SchemaUrns.error], detail: 'the detail', status } });
  });

  it('has a reply for every code', () => {
    for (const code of Object.values(ZoomSimErrorCode)) {
      expect(zoomErrorReply(code).status).toBeGreaterThanOrEqual(400);
    }
  });
});
