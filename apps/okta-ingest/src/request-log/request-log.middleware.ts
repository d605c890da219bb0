import { Injectable, type NestMiddleware } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { NextFunction, Request, Response } from 'express';
import type { DataSource } from 'typeorm';
import { Topics, createMessage, newMessageId } from '@bridge/contracts';
import { BridgeLogger } from '@bridge/observability';
import type { AuthenticatedRequest } from '../scim-auth/scim-auth.guard';
import { OutboxRepository } from '../outbox/outbox.repository';
import { OutboxRelayService } from '../outbox/outbox-relay.service';

const RESOURCE = /^\/scim\/v2\/(Users|Groups)(?:\/([^/?]+))?/;

/**
 * One `ingest.request.logged` record per SCIM request (the first leg of the audit trail),
 * written through the outbox once the response is sent. Requests that no tenant's token
 * opened are recorded under the tenant `unknown`.
 */
@Injectable()
export class RequestLogMiddleware implements NestMiddleware {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxRepository,
    private readonly relay: OutboxRelayService,
    private readonly logger: BridgeLogger,
  ) {}

  use(request: Request, response: Response, next: NextFunction): void {
    const started = process.hrtime.bigint();
    response.on('finish', () => {
      const latencyMs = Number(process.hrtime.bigint() - started) / 1e6;
      this.record(request as AuthenticatedRequest, response, latencyMs).catch((error: unknown) => {
        this.logger.error('request record could not be stored', { error: String(error) });
      });
    });
    next();
  }

  private async record(request: AuthenticatedRequest, response: Response, latencyMs: number): Promise<void> {
    const path = request.originalUrl.split('?')[0];
    const match = RESOURCE.exec(path);
    const resourceType = match?.[1] === 'Users' ? 'User' : match?.[1] === 'Groups' ? 'Group' : 'Other';
    const tenantId = request.scimCaller?.tenant.id ?? 'unknown';
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
        tokenId: request.scimCaller?.tokenId ?? null,
        sourceAddress: request.ip ?? null,
        userAgent: request.get('user-agent') ?? null,
        resourceType,
        resourceId: match?.[2] ? decodeURIComponent(match[2]) : null,
        scimType: error?.scimType ?? null,
        detail: error?.detail ?? null,
      },
    );
    await this.outbox.append(this.dataSource.manager, [{ topic: Topics.ingestRequestLogged, key: `${tenantId}:requests`, message }]);
    this.relay.wake();
  }
}
