export enum AuditQueryErrorCode {
  INVALID_PARAMETER = 'invalid-parameter',
  INVALID_FILTER = 'invalid-filter',
  INVALID_CURSOR = 'invalid-cursor',
  TENANT_REQUIRED = 'tenant-required',
  NOT_FOUND = 'not-found',
}

/** A query the audit API cannot answer; `AuditQueryExceptionFilter` turns it into Okta's error shape. */
export class AuditQueryException extends Error {
  constructor(
    readonly code: AuditQueryErrorCode,
    message: string,
    readonly causes: string[] = [],
  ) {
    super(message);
    this.name = 'AuditQueryException';
  }
}
