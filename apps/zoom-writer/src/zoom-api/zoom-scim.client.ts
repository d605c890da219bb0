import { Inject, Injectable } from '@nestjs/common';
import type { ZoomCall } from '@bridge/contracts';
import type { TenantConfig } from '@bridge/tenancy';
import { ZOOM_WRITER_CONFIG, type ZoomWriterConfig } from '../app.config';
import { ZoomCredentialsService } from '../zoom-credentials/zoom-credentials.service';
import { RateBudgetService, type RateLabel } from '../rate-budget/rate-budget.service';
import { ZoomWriteErrorCode, classifyZoomFailure, type ZoomFailure, type ZoomResponse } from './zoom-response.rules';

const SCIM_JSON = 'application/scim+json';

/** A failed Zoom call, classified; carries the calls made so far for the audit record. */
export class ZoomCallError extends Error {
  constructor(
    readonly failure: ZoomFailure,
    readonly call: ZoomCall,
  ) {
    super(failure.message);
    this.name = 'ZoomCallError';
  }
}

/**
 * Zoom's SCIM2 API for one tenant: every call waits for the rate budget, carries the tenant's
 * credentials, and is recorded (method, path, status, latency, rate-limit headers; no bodies).
 */
@Injectable()
export class ZoomScimClient {
  constructor(
    private readonly credentials: ZoomCredentialsService,
    private readonly budget: RateBudgetService,
    @Inject(ZOOM_WRITER_CONFIG) private readonly config: ZoomWriterConfig,
  ) {}

  async request(tenant: TenantConfig, method: string, path: string, label: RateLabel, body?: unknown): Promise<ZoomResponse> {
    await this.budget.reserve(tenant, label);
    let response = await this.send(tenant, method, path, body);
    if (response.status === 401 && tenant.zoom.auth.type === 'oauth') {
      // An OAuth token can be revoked before it expires: fetch a new one and try once more.
      this.credentials.forget(tenant.id);
      await this.budget.reserve(tenant, label);
      response = await this.send(tenant, method, path, body);
    }
    if (response.status >= 200 && response.status < 300) {
      return response;
    }
    const failure = classifyZoomFailure(response.status, response.body, response.headers);
    if (failure.retryAt !== undefined) {
      this.budget.holdUntil(tenant, label, failure.retryAt);
    }
    throw new ZoomCallError(failure, response.call);
  }

  private async send(tenant: TenantConfig, method: string, path: string, body: unknown): Promise<ZoomResponse> {
    const started = performance.now();
    const token = await this.credentials.accessToken(tenant);
    let response: Response;
    try {
      response = await fetch(`${tenant.zoom.baseUrl}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, accept: SCIM_JSON, ...(body === undefined ? {} : { 'content-type': SCIM_JSON }) },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.config.ZOOM_REQUEST_TIMEOUT_MS),
      });
    } catch (error) {
      const call: ZoomCall = { method, path: redactPath(path), status: null, latencyMs: elapsed(started) };
      throw new ZoomCallError({ code: ZoomWriteErrorCode.NETWORK, message: `Zoom could not be reached: ${String(error)}` }, call);
    }
    const text = await response.text();
    return {
      status: response.status,
      body: parseJson(text),
      headers: response.headers,
      call: {
        method,
        path: redactPath(path),
        status: response.status,
        latencyMs: elapsed(started),
        rateLimit: rateLimitHeaders(response.headers),
      },
    };
  }
}

function elapsed(started: number): number {
  return Math.round((performance.now() - started) * 100) / 100;
}

function parseJson(text: string): unknown {
  if (text === '') {
    return undefined;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

// The userName in a lookup filter is personal data; the audit keeps the user id instead.
function redactPath(path: string): string {
  return path.replace(/filter=[^&]*/, 'filter=userName%20eq%20%22%E2%80%A6%22');
}

function rateLimitHeaders(headers: Headers): ZoomCall['rateLimit'] {
  const read = (name: string): string | undefined => headers.get(name) ?? undefined;
  const values = {
    category: read('x-ratelimit-category'),
    type: read('x-ratelimit-type'),
    limit: read('x-ratelimit-limit'),
    remaining: read('x-ratelimit-remaining'),
    retryAfter: read('retry-after'),
  };
  return Object.values(values).some((value) => value !== undefined)
    ? (Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)))
    : undefined;
}
