import type { Request } from 'express';

/** The SCIM base URL as the client sees it, for `meta.location`; `publicBaseUrl` wins behind a proxy. */
export function scimBaseUrl(request: Request, publicBaseUrl?: string): string {
  const origin = publicBaseUrl?.replace(/\/+$/, '') ?? `${request.protocol}://${request.get('host') ?? 'localhost'}`;
  return `${origin}/scim/v2`;
}
