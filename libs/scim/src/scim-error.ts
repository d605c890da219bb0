import { SchemaUrns } from './schema-urns';

/** The `scimType` values RFC 7644 section 3.12 defines. */
export type ScimType =
  | 'invalidFilter'
  | 'tooMany'
  | 'uniqueness'
  | 'mutability'
  | 'invalidSyntax'
  | 'invalidPath'
  | 'noTarget'
  | 'invalidValue'
  | 'invalidVers'
  | 'sensitive';

/**
 * The RFC 7644 error body. `status` is a string, as in the RFC's own examples and schema;
 * clients that read a number (Microsoft's validator) parse it, and Okta reads `detail`.
 */
export interface ScimErrorBody {
  schemas: [typeof SchemaUrns.error];
  status: string;
  scimType?: ScimType;
  detail: string;
}

/** An error with the HTTP status and SCIM body it answers with. `detail` is shown verbatim to Okta admins. */
export class ScimError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly scimType?: ScimType,
    /** Seconds for a `Retry-After` header (429, 503). */
    readonly retryAfterSeconds?: number,
  ) {
    super(detail);
    this.name = 'ScimError';
  }

  toBody(): ScimErrorBody {
    return scimErrorBody(this.status, this.detail, this.scimType);
  }
}

export function scimErrorBody(status: number, detail: string, scimType?: ScimType): ScimErrorBody {
  return {
    schemas: [SchemaUrns.error],
    status: String(status),
    ...(scimType === undefined ? {} : { scimType }),
    detail,
  };
}

/** Why a SCIM request failed; `scimErrorFor` is the one place that turns a code into status and scimType. */
export enum ScimErrorCode {
  INVALID_FILTER = 'invalid-filter',
  INVALID_PATH = 'invalid-path',
  INVALID_SYNTAX = 'invalid-syntax',
  INVALID_VALUE = 'invalid-value',
  NO_TARGET = 'no-target',
  MUTABILITY = 'mutability',
  TOO_MANY = 'too-many',
  UNIQUENESS = 'uniqueness',
  NOT_FOUND = 'not-found',
  UNAUTHORIZED = 'unauthorized',
  PAYLOAD_TOO_LARGE = 'payload-too-large',
  UNSUPPORTED_MEDIA_TYPE = 'unsupported-media-type',
  METHOD_NOT_ALLOWED = 'method-not-allowed',
  RATE_LIMITED = 'rate-limited',
  INTERNAL = 'internal',
}

export function scimErrorFor(code: ScimErrorCode, detail: string, retryAfterSeconds?: number): ScimError {
  switch (code) {
    case ScimErrorCode.INVALID_FILTER:
      return new ScimError(400, detail, 'invalidFilter');
    case ScimErrorCode.INVALID_PATH:
      return new ScimError(400, detail, 'invalidPath');
    case ScimErrorCode.INVALID_SYNTAX:
      return new ScimError(400, detail, 'invalidSyntax');
    case ScimErrorCode.INVALID_VALUE:
      return new ScimError(400, detail, 'invalidValue');
    case ScimErrorCode.NO_TARGET:
      return new ScimError(400, detail, 'noTarget');
    case ScimErrorCode.MUTABILITY:
      return new ScimError(400, detail, 'mutability');
    case ScimErrorCode.TOO_MANY:
      return new ScimError(400, detail, 'tooMany');
    case ScimErrorCode.UNIQUENESS:
      return new ScimError(409, detail, 'uniqueness');
    case ScimErrorCode.NOT_FOUND:
      return new ScimError(404, detail);
    case ScimErrorCode.UNAUTHORIZED:
      return new ScimError(401, detail);
    case ScimErrorCode.PAYLOAD_TOO_LARGE:
      return new ScimError(413, detail);
    case ScimErrorCode.UNSUPPORTED_MEDIA_TYPE:
      return new ScimError(415, detail, 'invalidSyntax');
    case ScimErrorCode.METHOD_NOT_ALLOWED:
      return new ScimError(405, detail);
    case ScimErrorCode.RATE_LIMITED:
      return new ScimError(429, detail, undefined, retryAfterSeconds ?? 1);
    case ScimErrorCode.INTERNAL:
      return new ScimError(500, detail);
    default: {
      const unhandled: never = code;
      throw new Error(`unhandled SCIM error code ${String(unhandled)}`);
    }
  }
}
