import { Injectable } from '@nestjs/common';
import { SecretUnavailableError, resolveSecret, type TenantConfig, type ZoomOAuthAuth } from '@bridge/tenancy';

interface CachedToken {
  accessToken: string;
  expiresAt: number;
}

// Refresh this long before Zoom's 1-hour token expires, so no call goes out with a stale one.
const REFRESH_MARGIN_MS = 5 * 60 * 1000;

export enum ZoomCredentialsErrorCode {
  /** The registry's reference to the secret cannot be read. */
  SECRET_UNAVAILABLE = 'secret-unavailable',
  /** Zoom's OAuth endpoint refused the account id, client id or secret. */
  OAUTH_REFUSED = 'oauth-refused',
  /** Zoom's OAuth endpoint could not be reached. */
  OAUTH_UNREACHABLE = 'oauth-unreachable',
}

export class ZoomCredentialsError extends Error {
  constructor(
    readonly code: ZoomCredentialsErrorCode,
    message: string,
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ZoomCredentialsError';
  }
}

/** The bearer token for a tenant's Zoom calls: static from a secret, or Server-to-Server OAuth. */
@Injectable()
export class ZoomCredentialsService {
  private readonly cache = new Map<string, CachedToken>();

  async accessToken(tenant: TenantConfig): Promise<string> {
    const auth = tenant.zoom.auth;
    if (auth.type === 'bearer') {
      return readSecret(() => resolveSecret(auth.token));
    }
    const cached = this.cache.get(tenant.id);
    if (cached !== undefined && cached.expiresAt - REFRESH_MARGIN_MS > Date.now()) {
      return cached.accessToken;
    }
    const fresh = await fetchOAuthToken(auth);
    this.cache.set(tenant.id, fresh);
    return fresh.accessToken;
  }

  /** Drops a cached OAuth token after Zoom answered 401 with it. */
  forget(tenantId: string): void {
    this.cache.delete(tenantId);
  }
}

/** Zoom's Server-to-Server OAuth: `account_credentials` grant, Basic client id:secret, a 1-hour token. */
export async function fetchOAuthToken(auth: ZoomOAuthAuth, timeoutMs = 10_000): Promise<CachedToken> {
  const url = new URL(auth.tokenUrl);
  url.searchParams.set('grant_type', 'account_credentials');
  url.searchParams.set('account_id', auth.accountId);
  const basic = readSecret(() => Buffer.from(`${resolveSecret(auth.clientId)}:${resolveSecret(auth.clientSecret)}`).toString('base64'));
  let response: Response;
  try {
    response = await fetch(url, { method: 'POST', headers: { authorization: `Basic ${basic}` }, signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    throw new ZoomCredentialsError(ZoomCredentialsErrorCode.OAUTH_UNREACHABLE, `Zoom's OAuth endpoint ${url.origin} could not be reached: ${describeFetchError(error)}`, undefined, { cause: error });
  }
  const text = await response.text();
  const body = parseObject(text);
  if (!response.ok || typeof body['access_token'] !== 'string') {
    const reason = typeof body['reason'] === 'string' ? body['reason'] : typeof body['error'] === 'string' ? body['error'] : text.slice(0, 200);
    const code = response.status >= 500 ? ZoomCredentialsErrorCode.OAUTH_UNREACHABLE : ZoomCredentialsErrorCode.OAUTH_REFUSED;
    throw new ZoomCredentialsError(code, `Zoom's OAuth endpoint answered ${response.status}${reason === '' ? '' : `: ${reason}`}`, response.status);
  }
  const lifetimeSeconds = typeof body['expires_in'] === 'number' ? body['expires_in'] : 3600;
  return { accessToken: body['access_token'], expiresAt: Date.now() + lifetimeSeconds * 1000 };
}

function readSecret<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof SecretUnavailableError) {
      throw new ZoomCredentialsError(ZoomCredentialsErrorCode.SECRET_UNAVAILABLE, error.message, undefined, { cause: error });
    }
    throw error;
  }
}

function parseObject(text: string): Record<string, unknown> {
  try {
    const parsed = JSON.parse(text) as unknown;
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  } catch {
    // Not JSON: the caller reports the raw text.
    return {};
  }
}

/** fetch() hides the reason in `cause`: name it (DNS, refused, TLS, timeout). */
export function describeFetchError(error: unknown): string {
  const cause = (error as { cause?: unknown } | undefined)?.cause;
  const code = (cause as { code?: unknown } | undefined)?.code;
  const name = (error as { name?: unknown } | undefined)?.name;
  if (name === 'TimeoutError' || name === 'AbortError') {
    return 'timed out';
  }
  const message = cause instanceof Error ? cause.message : error instanceof Error ? error.message : String(error);
  return typeof code === 'string' ? `${code} (${message})` : message;
}
