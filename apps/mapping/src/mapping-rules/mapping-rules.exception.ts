export enum MappingErrorCode {
  /** A tenant's mapping rules do not compile (at start-up this stops the service). */
  INVALID_RULES = 'invalid-mapping-rules',
  /** A tenant added at a reload whose rules never compiled: its users wait in the dead-letter topic. */
  RULES_UNAVAILABLE = 'mapping-rules-unavailable',
  UNKNOWN_TENANT = 'unknown-tenant',
}

/** Something about a tenant's mapping configuration that stops a user change from being mapped. */
export class MappingException extends Error {
  constructor(
    readonly code: MappingErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'MappingException';
  }
}
