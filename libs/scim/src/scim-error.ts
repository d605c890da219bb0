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
