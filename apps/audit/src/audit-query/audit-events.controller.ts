import { BadRequestException, Controller, Get, NotFoundException, Query, Req, UseGuards } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AuditEventEntity } from '../audit-intake/audit-event.entity';
import { AuditorAuthGuard, type AuditorRequest } from './auditor-auth.guard';

const MAX_LIMIT = 1000;

/** The audit trail, queried the way Okta's System Log API is (`since`, `until`, `limit`). */
@Controller('api/v1/audit')
@UseGuards(AuditorAuthGuard)
export class AuditEventsController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @Get('events')
  async list(
    @Req() request: AuditorRequest,
    @Query('since') since?: string,
    @Query('until') until?: string,
    @Query('limit') limit?: string,
    @Query('tenantId') tenantId?: string,
    @Query('correlationId') correlationId?: string,
  ): Promise<object[]> {
    const auditor = request.auditor;
    if (auditor === undefined) {
      throw new Error('AuditorAuthGuard did not run');
    }
    const tenant = auditor.scope.kind === 'tenant' ? auditor.scope.tenantId : tenantId;
    if (auditor.scope.kind === 'tenant' && tenantId !== undefined && tenantId !== auditor.scope.tenantId) {
      throw new NotFoundException({ errorCode: 'E0000007', errorSummary: `Not found: tenant ${tenantId}` });
    }
    const query = this.dataSource.manager.createQueryBuilder(AuditEventEntity, 'event');
    if (tenant !== undefined) {
      query.andWhere('event.tenant_id = :tenant', { tenant });
    }
    const sinceDate = parseTime('since', since) ?? new Date(Date.now() - 7 * 24 * 3600 * 1000);
    query.andWhere('event.occurred_at >= :since', { since: sinceDate });
    const untilDate = parseTime('until', until);
    if (untilDate !== undefined) {
      query.andWhere('event.occurred_at < :until', { until: untilDate });
    }
    if (correlationId !== undefined) {
      query.andWhere('event.correlation_id = :correlationId', { correlationId });
    }
    const rows = await query
      .orderBy('event.occurred_at', 'ASC')
      .addOrderBy('event.seq', 'ASC')
      .limit(parseLimit(limit))
      .getMany();
    return rows.map((row) => ({
      uuid: row.id,
      published: row.occurredAt.toISOString(),
      recorded: row.recordedAt.toISOString(),
      tenantId: row.tenantId,
      eventType: row.eventType,
      outcome: { result: row.outcome.toUpperCase(), reason: row.reason },
      actor: { type: row.actorType, id: row.actorId },
      target: row.targetType === null ? [] : [{ type: row.targetType, id: row.targetId, displayName: row.targetName }],
      transaction: { id: row.correlationId, causationId: row.causationId },
      topic: row.topic,
      details: row.details,
    }));
  }
}

function parseTime(name: string, value: string | undefined): Date | undefined {
  if (value === undefined || value === '') {
    return undefined;
  }
  const parsed = new Date(value);
  if (Number.isNaN(parsed.getTime())) {
    throw new BadRequestException({ errorCode: 'E0000001', errorSummary: `${name} must be an ISO 8601 time, not ${JSON.stringify(value)}` });
  }
  return parsed;
}

function parseLimit(value: string | undefined): number {
  if (value === undefined || value === '') {
    return 100;
  }
  const limit = Number(value);
  if (!Number.isInteger(limit) || limit < 1) {
    throw new BadRequestException({ errorCode: 'E0000001', errorSummary: `limit must be a positive integer, not ${JSON.stringify(value)}` });
  }
  return Math.min(limit, MAX_LIMIT);
}
