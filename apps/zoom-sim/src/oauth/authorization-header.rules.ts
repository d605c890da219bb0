export interface ClientCredentials {
  clientId: string;
  clientSecret: string;
}

/** The token of `Authorization: Bearer <token>` (scheme case-insensitive), if that is what was sent. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = header === undefined ? null : /^Bearer +(\S+) *$/i.exec(header);
  return match?.[1];
}

/** Client id and secret from `Authorization: Basic base64(id:secret)`; the secret may contain ":". */
export function basicCredentials(header: string | undefined): ClientCredentials | undefined {
  const match = header === undefined ? null : /^Basic +([A-Za-z0-9+/=]+) *$/i.exec(header);
  if (match?.[1] === undefined) {
    return undefined;
  }
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 1) {
    return undefined;
  }
  return { clientId: decoded.slice(0, colon), clientSecret: decoded.slice(colon + 1) };
}
