/** Every way the simulator refuses a call; `zoomErrorReply` maps each to Zoom's status and body. */
export enum ZoomSimErrorCode {
  INVALID_ACCESS_TOKEN = 'invalid-access-token',
  EXPIRED_ACCESS_TOKEN = 'expired-access-token',
  MISSING_SCOPE = 'missing-scope',
  INVALID_REQUEST = 'invalid-request',
  USER_NOT_FOUND = 'user-not-found',
  USER_EXISTS = 'user-exists',
  USER_NOT_IN_ACCOUNT = 'user-not-in-account',
  DOMAIN_MISMATCH = 'domain-mismatch',
  INVALID_ACTIVE_PATCH = 'invalid-active-patch',
  ADMIN_NOT_DEACTIVATABLE = 'admin-not-deactivatable',
  OWNER_NOT_DELETABLE = 'owner-not-deletable',
  GROUP_NOT_FOUND = 'group-not-found',
  GROUP_NAME_TAKEN = 'group-name-taken',
  GROUP_INVALID = 'group-invalid',
  GROUP_MEMBER_NOT_FOUND = 'group-member-not-found',
  DEFAULT_GROUP_NOT_DELETABLE = 'default-group-not-deletable',
  BODY_TOO_LARGE = 'body-too-large',
  METHOD_NOT_ALLOWED = 'method-not-allowed',
  QPS_LIMIT = 'qps-limit',
  DAILY_LIMIT = 'daily-limit',
  TOO_MANY_CONCURRENT = 'too-many-concurrent',
  OUTAGE = 'outage',
  INJECTED_500 = 'injected-500',
  INJECTED_502 = 'injected-502',
  INJECTED_503 = 'injected-503',
  INTERNAL_ERROR = 'internal-error',
}

/** A refusal a handler throws; `detail` replaces the code's standard wording where it varies. */
export class ZoomSimException extends Error {
  constructor(
    readonly code: ZoomSimErrorCode,
    readonly detail?: string,
  ) {
    super(detail ?? code);
    this.name = 'ZoomSimException';
  }
}
