import { Injectable } from '@nestjs/common';
import { resolveSecret, type TenantConfig } from '@bridge/tenancy';

interface CachedToken {
  accessToken: string;
  expiresAt: number;
}

// Refresh this long before Zoom's 1-hour token expires, so no call goes out with a stale one.
const REFRESH_MARGIN_MS = 5 * 60 * 1000;

export class ZoomCredentialsError extends Error {}

/** The bearer token for a tenant's Zoom calls: static from a secret, or Server-to-Server OAuth. */
@Injectable()
export class ZoomCredentialsService {
  private readonly cache = new Map<string, CachedToken>();

  async accessToken(tenant: TenantConfig): Promise<string> {
    const auth = tenant.zoom.auth;
    if (auth.type === 'bearer') {
      return resolveSecret(auth.token);
    }
    const cached = this.cache.get(tenant.id);
    if (cached !== undefined && cached.expiresAt - REFRESH_MARGIN_MS > Date.now()) {
      return cached.accessToken;
    }
    const url = new URL(auth.tokenUrl);
    url.searchParams.set('grant_type', 'account_credentials');
    url.searchParams.set('account_id', auth.accountId);
    const basic = Buffer.from(`${resolveSecret(auth.clientId)}:${resolveSecret(auth.clientSecret)}`).toString('base64');
    const response = await fetch(url, { method: 'POST', headers: { authorization: `Basic ${basic}` }, signal: AbortSignal.timeout(10_000) });
    const body = (await response.json().catch(() => ({}))) as { access_token?: unknown; expires_in?: unknown; reason?: unknown };
    if (!response.ok || typeof body.access_token !== 'string') {
      throw new ZoomCredentialsError(`Zoom's OAuth endpoint refused the client credentials (${response.status}${typeof body.reason === 'string' ? `: ${body.reason}` : ''})`);
    }
    const lifetimeSeconds = typeof body.expires_in === 'number' ? body.expires_in : 3600;
    this.cache.set(tenant.id, { accessToken: body.access_token, expiresAt: Date.now() + lifetimeSeconds * 1000 });
    return body.access_token;
  }

  /** Drops a cached OAuth token after Zoom answered 401 with it. */
  forget(tenantId: string): void {
    this.cache.delete(tenantId);
  }
}
