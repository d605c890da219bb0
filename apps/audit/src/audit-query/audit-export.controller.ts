import { once } from 'node:events';
import { Controller, Get, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import type { Response } from 'express';
import { AuditAccess } from './audit-access.service';
import { CSV_COLUMNS, toCsvLine, toLogEvent } from './audit-event.presenter';
import { AuditEventsRepository } from './audit-events.repository';
import { AuditQueryErrorCode, AuditQueryException } from './audit-query.exception';
import { AuditQueryExceptionFilter } from './audit-query-exception.filter';
import { parseAuditEventQuery, single, type RawQuery } from './audit-query.params';
import { AuditorAuthGuard, type AuditorRequest } from './auditor-auth.guard';

const PAGE = 1000;

/** A range of records as NDJSON or CSV, streamed page by page so memory stays flat. */
@Controller('api/v1/audit')
@UseGuards(AuditorAuthGuard)
@UseFilters(AuditQueryExceptionFilter)
export class AuditExportController {
  constructor(
    private readonly access: AuditAccess,
    private readonly events: AuditEventsRepository,
  ) {}

  @Get('events/export')
  async export(@Req() request: AuditorRequest, @Res() response: Response): Promise<void> {
    const raw = request.query as RawQuery;
    const { tenantId, input } = await this.access.open(request, 'events.exported', () => {
      const format = single(raw, 'format') ?? 'ndjson';
      if (format !== 'ndjson' && format !== 'csv') {
        throw new AuditQueryException(AuditQueryErrorCode.INVALID_PARAMETER, 'Api validation failed: format', ['format: ndjson or csv']);
      }
      // An export is a fixed range: it ends at the time of the request unless until says otherwise.
      const query = parseAuditEventQuery(raw);
      return { format, query: { ...query, until: query.until ?? new Date() } };
    });
    const csv = input.format === 'csv';
    response.status(200);
    response.setHeader('Content-Type', csv ? 'text/csv; charset=utf-8' : 'application/x-ndjson');
    response.setHeader('Content-Disposition', `attachment; filename="audit-${tenantId}.${csv ? 'csv' : 'ndjson'}"`);
    if (csv) {
      await write(response, `${CSV_COLUMNS.join(',')}\r\n`);
    }
    let query = input.query;
    for (;;) {
      const records = await this.events.page(tenantId, query, PAGE);
      if (response.destroyed) {
        return;
      }
      const chunk = records.map((record) => (csv ? `${toCsvLine(record)}\r\n` : `${JSON.stringify(toLogEvent(record))}\n`)).join('');
      await write(response, chunk);
      const last = records[records.length - 1];
      if (records.length < PAGE || last === undefined) {
        break;
      }
      query = { ...query, after: { recordedAt: last.recordedAt, seq: last.seq } };
    }
    response.end();
  }
}

async function write(response: Response, chunk: string): Promise<void> {
  if (chunk !== '' && !response.write(chunk)) {
    await Promise.race([once(response, 'drain'), once(response, 'close')]);
  }
}
