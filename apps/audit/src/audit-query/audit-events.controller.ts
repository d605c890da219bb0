import { Controller, Get, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import type { Response } from 'express';
import { AuditAccess } from './audit-access.service';
import { encodeCursor } from './audit-cursor';
import { toLogEvent, type LogEvent } from './audit-event.presenter';
import { AuditEventsRepository } from './audit-events.repository';
import { AuditQueryExceptionFilter } from './audit-query-exception.filter';
import { parseAuditEventQuery, type RawQuery } from './audit-query.params';
import { AuditorAuthGuard, type AuditorRequest } from './auditor-auth.guard';

/** The audit trail, queried the way Okta's System Log API is. */
@Controller('api/v1/audit')
@UseGuards(AuditorAuthGuard)
@UseFilters(AuditQueryExceptionFilter)
export class AuditEventsController {
  constructor(
    private readonly access: AuditAccess,
    private readonly events: AuditEventsRepository,
  ) {}

  @Get('events')
  async list(@Req() request: AuditorRequest, @Res({ passthrough: true }) response: Response): Promise<LogEvent[]> {
    const raw = request.query as RawQuery;
    const { tenantId, input: query } = await this.access.open(request, 'events.listed', () => parseAuditEventQuery(raw));
    const records = await this.events.page(tenantId, query, query.limit + 1);
    const page = records.slice(0, query.limit);
    const last = page[page.length - 1];
    // Polling (no until, ascending) always gets a next link, as in Okta: records committed later appear behind it.
    const polling = query.until === undefined && query.sortOrder === 'ASCENDING';
    const links = [`<${selfUrl(request)}>; rel="self"`];
    if (records.length > query.limit || polling) {
      const after = last === undefined ? (typeof raw['after'] === 'string' ? raw['after'] : undefined) : encodeCursor({ recordedAt: last.recordedAt, seq: last.seq });
      links.push(`<${selfUrl(request, after)}>; rel="next"`);
    }
    response.setHeader('Link', links.join(', '));
    return page.map(toLogEvent);
  }
}

export function selfUrl(request: AuditorRequest, after?: string): string {
  const url = new URL(`${request.protocol}://${request.get('host') ?? 'localhost'}${request.originalUrl}`);
  if (after !== undefined) {
    url.searchParams.set('after', after);
  }
  return url.toString();
}
