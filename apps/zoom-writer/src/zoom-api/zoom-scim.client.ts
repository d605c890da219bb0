import { Inject, Injectable } from '@nestjs/common';
import type { ZoomCall } from '@bridge/contracts';
import type { TenantConfig } from '@bridge/tenancy';
import { ZOOM_WRITER_CONFIG, type ZoomWriterConfig } from '../app.config';
import { ZoomCredentialsError, ZoomCredentialsErrorCode, ZoomCredentialsService, describeFetchError } from '../zoom-credentials/zoom-credentials.service';
import { RateBudgetService, type RateLabel } from '../rate-budget/rate-budget.service';
import { ZoomWriteErrorCode, classifyZoomFailure, type ZoomFailure, type ZoomResponse } from './zoom-response.rules';
import { ZoomHttpError, describeZoomHttpError, zoomHttpRequest, type ZoomHttpAnswer } from './zoom-http';

const SCIM_JSON = 'application/scim+json';

/** A failed Zoom call, classified; carries the call for the audit record. */
export class ZoomCallError extends Error {
  constructor(
    readonly failure: ZoomFailure,
    /** Absent when no request reached Zoom (credentials unavailable, budget on hold). */
    readonly call?: ZoomCall,
  ) {
    super(failure.message);
    this.name = 'ZoomCallError';
  }
}

/**
 * Zoom's SCIM2 API for one tenant: every call waits for the rate budget, carries the tenant's
 * credentials, feeds Zoom's answer back into the budget, and is recorded (method, path, status,
 * latency, rate-limit headers; no bodies).
 */
@Injectable()
export class ZoomScimClient {
  constructor(
    private readonly credentials: ZoomCredentialsService,
    private readonly budget: RateBudgetService,
    @Inject(ZOOM_WRITER_CONFIG) private readonly config: ZoomWriterConfig,
  ) {}

  async request(tenant: TenantConfig, method: string, path: string, label: RateLabel, body?: unknown): Promise<ZoomResponse> {
    let response = await this.send(tenant, method, path, label, body);
    if (response.status === 401 && tenant.zoom.auth.type === 'oauth') {
      // An OAuth token can be revoked before it expires: fetch a new one and try once more.
      this.credentials.forget(tenant.id);
      response = await this.send(tenant, method, path, label, body);
    }
    if (response.status >= 200 && response.status < 300) {
      return response;
    }
    throw new ZoomCallError(response.failure ?? classifyZoomFailure(response.status, response.body, response.headers), response.call);
  }

  /** One call within the budget; every answer (and every call left unanswered) goes back to the budget. */
  private async send(tenant: TenantConfig, method: string, path: string, label: RateLabel, body: unknown): Promise<ZoomResponse & { failure?: ZoomFailure }> {
    const token = await this.token(tenant);
    const held = await this.budget.reserve(tenant, label);
    if (held !== undefined) {
      throw new ZoomCallError({ code: ZoomWriteErrorCode.RATE_LIMITED, message: "waiting for Zoom's retry time", retryAt: new Date(held.heldUntil) });
    }
    const started = performance.now();
    const sentAt = Date.now();
    let answer: ZoomHttpAnswer;
    try {
      answer = await zoomHttpRequest(`${tenant.zoom.baseUrl}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, accept: SCIM_JSON, ...(body === undefined ? {} : { 'content-type': SCIM_JSON }) },
        body: body === undefined ? undefined : JSON.stringify(body),
        timeoutMs: this.config.ZOOM_REQUEST_TIMEOUT_MS,
      });
    } catch (error) {
      this.budget.record(tenant, label, { status: null, sentAt });
      const call: ZoomCall = { method, path: redactPath(path), status: null, latencyMs: elapsed(started) };
      const reason = error instanceof ZoomHttpError ? describeZoomHttpError(error) : describeFetchError(error);
      throw new ZoomCallError({ code: ZoomWriteErrorCode.NETWORK, message: `Zoom could not be reached: ${reason}` }, call);
    }
    const parsed = parseJson(answer.text);
    const failure = answer.status >= 200 && answer.status < 300 ? undefined : classifyZoomFailure(answer.status, parsed, answer.headers);
    this.budget.record(tenant, label, { status: answer.status, headers: answer.headers, failure, sentAt });
    return {
      status: answer.status,
      body: parsed,
      failure,
      headers: answer.headers,
      call: { method, path: redactPath(path), status: answer.status, latencyMs: elapsed(started), rateLimit: rateLimitHeaders(answer.headers) },
    };
  }

  private async token(tenant: TenantConfig): Promise<string> {
    try {
      return await this.credentials.accessToken(tenant);
    } catch (error) {
      if (!(error instanceof ZoomCredentialsError)) {
        throw error;
      }
      throw new ZoomCallError({ code: credentialsFailureCode(error.code), message: error.message });
    }
  }
}

function credentialsFailureCode(code: ZoomCredentialsErrorCode): ZoomWriteErrorCode {
  switch (code) {
    case ZoomCredentialsErrorCode.SECRET_UNAVAILABLE:
      return ZoomWriteErrorCode.CREDENTIALS_UNAVAILABLE;
    case ZoomCredentialsErrorCode.OAUTH_REFUSED:
      return ZoomWriteErrorCode.CREDENTIALS_REJECTED;
    case ZoomCredentialsErrorCode.OAUTH_UNREACHABLE:
      return ZoomWriteErrorCode.NETWORK;
    default: {
      const unhandled: never = code;
      throw new Error(`unknown credentials error ${String(unhandled)}`);
    }
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
    // Zoom sometimes answers errors in plain text or HTML: keep the text for classification.
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
    ? Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined))
    : undefined;
}
