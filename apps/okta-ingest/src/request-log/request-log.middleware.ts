import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { Topics, createMessage, newMessageId } from '@bridge/contracts';
import { TenantService } from '@bridge/tenancy';
import { bearerToken, type AuthenticatedRequest, type ScimCaller } from '../scim-auth/scim-auth.guard';
import { RequestRecordBufferService } from './request-record-buffer.service';

const RESOURCE = /^\/scim\/v2\/(Users|Groups)(?:\/([^/?]+))?/;

/**
 * Applied in main.ts ahead of the body parser (not through Nest's route middleware) so that a
 * request refused for its body is recorded as well.
 * One `ingest.request.logged` record per SCIM request (the first leg of the audit trail),
 * written through the outbox (in batches, see RequestRecordBufferService) once the response is sent. Requests that no tenant's token
 * opened are recorded under the tenant `unknown`.
 */
@Injectable()
export class RequestLogMiddleware implements NestMiddleware {
  constructor(
    private readonly records: RequestRecordBufferService,
    private readonly tenants: TenantService,
  ) {}

  use(request: Request, response: Response, next: NextFunction): void {
    const started = process.hrtime.bigint();
    response.on('finish', () => {
      const latencyMs = Number(process.hrtime.bigint() - started) / 1e6;
      this.record(request as AuthenticatedRequest, response, latencyMs);
    });
    next();
  }

  private callerFromToken(request: AuthenticatedRequest): ScimCaller | undefined {
    const result = this.tenants.directory().authenticateScimToken(bearerToken(request.headers.authorization));
    return result.ok ? { tenant: result.tenant, tokenId: result.tokenId } : undefined;
  }

  private record(request: AuthenticatedRequest, response: Response, latencyMs: number): void {
    const path = request.originalUrl.split('?')[0];
    const match = RESOURCE.exec(path);
    const resourceType = match?.[1] === 'Users' ? 'User' : match?.[1] === 'Groups' ? 'Group' : 'Other';
    // A request refused before the guard ran (e.g. an unreadable body) is still filed under its tenant.
    const caller = request.scimCaller ?? this.callerFromToken(request);
    const tenantId = caller?.tenant.id ?? 'unknown';
    const correlationId = String(response.getHeader('X-Correlation-Id') ?? newMessageId());
    const error = response.locals['scimError'] as { scimType?: string; detail?: string } | undefined;
    const message = createMessage(
      Topics.ingestRequestLogged,
      { tenantId, correlationId },
      {
        method: request.method,
        path,
        status: response.statusCode,
        latencyMs: Math.round(latencyMs * 100) / 100,
        tokenId: caller?.tokenId ?? null,
        sourceAddress: request.ip ?? null,
        userAgent: request.get('user-agent') ?? null,
        resourceType,
        resourceId: match?.[2] ? decodeURIComponent(match[2]) : null,
        scimType: error?.scimType ?? null,
        detail: error?.detail ?? null,
      },
    );
    this.records.add({ topic: Topics.ingestRequestLogged, key: `${tenantId}:requests`, message });
  }
}
