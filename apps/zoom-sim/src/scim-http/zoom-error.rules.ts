import { SchemaUrns } from '@bridge/scim';
import { ZoomSimErrorCode } from './zoom-sim.exception';

/** What the simulator sends back: status, JSON body (none for 204) and extra headers. */
export interface ZoomReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** Zoom's two error shapes: SCIM's (numeric `status`) for user calls, `{code, message}` elsewhere. */
type ErrorShape = { style: 'scim'; status: number; detail: string } | { style: 'zoom'; status: number; code: number; message: string };

export const QPS_LIMIT_MESSAGE = 'You have reached the maximum per-second rate limit for this API. Try again later.';
export const DAILY_LIMIT_MESSAGE =
  'You have reached the maximum daily rate limit for this API. Please try again tomorrow, you can resume at GMT 00:00:00.';

/** The one place an error code becomes Zoom's status and body. */
export function zoomErrorReply(code: ZoomSimErrorCode, message?: string): ZoomReply {
  const shape = errorShape(code, message);
  if (shape.style === 'scim') {
    return { status: shape.status, body: { schemas: [SchemaUrns.error], detail: shape.detail, status: shape.status } };
  }
  return { status: shape.status, body: { code: shape.code, message: shape.message } };
}

function errorShape(code: ZoomSimErrorCode, message: string | undefined): ErrorShape {
  const scim = (status: number, fallback: string): ErrorShape => ({ style: 'scim', status, detail: message ?? fallback });
  const zoom = (status: number, zoomCode: number, fallback: string): ErrorShape => ({ style: 'zoom', status, code: zoomCode, message: message ?? fallback });
  switch (code) {
    case ZoomSimErrorCode.INVALID_ACCESS_TOKEN:
      return zoom(401, 124, 'Invalid access token.');
    case ZoomSimErrorCode.EXPIRED_ACCESS_TOKEN:
      return zoom(401, 124, 'Access token is expired.');
    case ZoomSimErrorCode.MISSING_SCOPE:
      return zoom(403, 4711, 'Invalid access token, does not contain scopes:[scim2:admin].');
    case ZoomSimErrorCode.INVALID_REQUEST:
      return scim(400, 'Invalid request.');
    case ZoomSimErrorCode.USER_NOT_FOUND:
      return scim(404, 'User does not exist.');
    case ZoomSimErrorCode.USER_EXISTS:
      return scim(409, 'User already exists.');
    case ZoomSimErrorCode.USER_NOT_IN_ACCOUNT:
      return scim(400, 'User not exist or not belong to this account.');
    case ZoomSimErrorCode.DOMAIN_MISMATCH:
      return scim(400, "Domain name doesn't match");
    case ZoomSimErrorCode.INVALID_ACTIVE_PATCH:
      // Zoom's own wording, grammar included, even when the real problem is `operations` in lower case.
      return scim(400, 'The request json did not contains valid active field.');
    case ZoomSimErrorCode.ADMIN_NOT_DEACTIVATABLE:
      return scim(400, 'Admin type user cannot be deactivated.');
    case ZoomSimErrorCode.OWNER_NOT_DELETABLE:
      return scim(400, 'The account owner cannot be deleted.');
    case ZoomSimErrorCode.GROUP_NOT_FOUND:
      return zoom(404, 4130, 'Group does not exist.');
    case ZoomSimErrorCode.GROUP_NAME_TAKEN:
      return zoom(409, 4132, 'Group name already exists.');
    case ZoomSimErrorCode.GROUP_INVALID:
      return zoom(400, 300, 'Invalid request.');
    case ZoomSimErrorCode.GROUP_MEMBER_NOT_FOUND:
      return zoom(400, 1001, 'User does not exist.');
    case ZoomSimErrorCode.DEFAULT_GROUP_NOT_DELETABLE:
      return zoom(400, 4131, 'Cannot delete account default group.');
    case ZoomSimErrorCode.BODY_TOO_LARGE:
      return zoom(400, 300, 'Request body too large');
    case ZoomSimErrorCode.METHOD_NOT_ALLOWED:
      return zoom(405, 405, 'Method not allowed.');
    case ZoomSimErrorCode.QPS_LIMIT:
      return zoom(429, 429, QPS_LIMIT_MESSAGE);
    case ZoomSimErrorCode.DAILY_LIMIT:
      return zoom(429, 429, DAILY_LIMIT_MESSAGE);
    case ZoomSimErrorCode.TOO_MANY_CONCURRENT:
      return zoom(429, 429, 'Too many concurrent requests');
    case ZoomSimErrorCode.OUTAGE:
    case ZoomSimErrorCode.INJECTED_503:
      return zoom(503, 503, 'Service Unavailable');
    case ZoomSimErrorCode.INJECTED_502:
      return zoom(502, 502, 'Bad Gateway');
    case ZoomSimErrorCode.INJECTED_500:
    case ZoomSimErrorCode.INTERNAL_ERROR:
      return zoom(500, 500, 'Internal Server Error');
    default: {
      const unhandled: never = code;
      throw new Error(`no Zoom reply for error code ${String(unhandled)}`);
    }
  }
}
