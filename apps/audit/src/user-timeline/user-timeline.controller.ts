import { Controller, Get, Param, Req, UseFilters, UseGuards } from '@nestjs/common';
import { AuditAccess } from '../audit-query/audit-access.service';
import { toLogEvent, type LogEvent } from '../audit-query/audit-event.presenter';
import { AuditQueryExceptionFilter } from '../audit-query/audit-query-exception.filter';
import { AuditQueryErrorCode, AuditQueryException } from '../audit-query/audit-query.exception';
import { parseTime, type RawQuery } from '../audit-query/audit-query.params';
import { AuditorAuthGuard, type AuditorRequest } from '../audit-query/auditor-auth.guard';
import { TIMELINE_MAX_RECORDS, UserTimelineRepository } from './user-timeline.repository';
import { userStatus, type UserStatus } from './user-status.rules';

const DEFAULT_WINDOW_MS = 90 * 24 * 3600 * 1000;

export interface UserTimeline {
  user: string;
  status: UserStatus;
  since: string;
  until: string;
  truncated: boolean;
  events: LogEvent[];
}

/** "Why isn't this user in Zoom?": the user's records in order and the answer they add up to. */
@Controller('api/v1/audit/users')
@UseGuards(AuditorAuthGuard)
@UseFilters(AuditQueryExceptionFilter)
export class UserTimelineController {
  constructor(
    private readonly access: AuditAccess,
    private readonly timeline: UserTimelineRepository,
  ) {}

  @Get(':user/timeline')
  async show(@Req() request: AuditorRequest, @Param('user') user: string): Promise<UserTimeline> {
    const raw = request.query as RawQuery;
    const { tenantId, input } = await this.access.open(request, 'user.timeline.viewed', () => {
      if (user.length === 0 || user.length > 256) {
        throw new AuditQueryException(AuditQueryErrorCode.INVALID_PARAMETER, 'Api validation failed: user', ['user: a SCIM id or userName of at most 256 characters']);
      }
      const until = parseTime(raw, 'until') ?? new Date();
      return { until, since: parseTime(raw, 'since') ?? new Date(until.getTime() - DEFAULT_WINDOW_MS) };
    });
    const records = await this.timeline.records(tenantId, user, input.since, input.until);
    const shown = records.slice(0, TIMELINE_MAX_RECORDS);
    return {
      user,
      status: userStatus(shown),
      since: input.since.toISOString(),
      until: input.until.toISOString(),
      truncated: records.length > TIMELINE_MAX_RECORDS,
      events: shown.map(toLogEvent),
    };
  }
}
