import { FILTER_LIMITS, MAX_PATCH_OPERATIONS, SchemaUrns, allSchemas, resourceTypes, type ScimSchemaDefinition } from '@bridge/scim';
import { MAX_PAGE } from '../scim-http/scim-request-scope';

/** RFC 7643 §5: what this service provider really supports, so Entra and other clients adapt to it. */
export function serviceProviderConfig(baseUrl: string, maxBodyBytes: number): Record<string, unknown> {
  return {
    schemas: [SchemaUrns.serviceProviderConfig],
    documentationUri: 'https://github.com/okta-zoom-bridge/okta-zoom-bridge/blob/main/README.md#connecting-okta',
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults: MAX_PAGE },
    changePassword: { supported: false },
    sort: { supported: false },
    etag: { supported: false },
    authenticationSchemes: [
      {
        type: 'oauthbearertoken',
        name: 'Bearer token',
        description: `A per-tenant token (npm run tokens -- generate), sent as Authorization: Bearer. Bodies up to ${maxBodyBytes} bytes, filters up to ${FILTER_LIMITS.maxLength} characters, ${MAX_PATCH_OPERATIONS} PATCH operations.`,
        primary: true,
      },
    ],
    meta: { resourceType: 'ServiceProviderConfig', location: `${baseUrl}/ServiceProviderConfig` },
  };
}

export function resourceTypeDocuments(baseUrl: string): Record<string, unknown>[] {
  return resourceTypes.map((type) => ({
    schemas: [SchemaUrns.resourceType],
    id: type.name,
    name: type.name,
    endpoint: type.endpoint,
    description: type.description,
    schema: type.schema.id,
    schemaExtensions: type.extensions.map((extension) => ({ schema: extension.id, required: false })),
    meta: { resourceType: 'ResourceType', location: `${baseUrl}/ResourceTypes/${type.name}` },
  }));
}

export function schemaDocuments(baseUrl: string): Record<string, unknown>[] {
  return allSchemas.map((schema: ScimSchemaDefinition) => ({
    schemas: [SchemaUrns.schema],
    id: schema.id,
    name: schema.name,
    description: schema.description,
    attributes: schema.attributes,
    meta: { resourceType: 'Schema', location: `${baseUrl}/Schemas/${schema.id}` },
  }));
}
