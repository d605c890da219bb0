import type { DataSource } from 'typeorm';
import { AuditEventsRepository, auditEventsSql } from '../audit-query/audit-events.repository';
import { parseAuditEventQuery } from '../audit-query/audit-query.params';
import { UserTimelineRepository } from '../user-timeline/user-timeline.repository';
import { BENCH_TENANTS, SPAN_DAYS, USERS_PER_TENANT } from './bench-database';
import { timeRuns, type Percentiles } from './bench-stats';

const DAY_MS = 24 * 3600 * 1000;

function pick<T>(items: readonly T[], index: number): T {
  return items[(index * 7919) % items.length];
}

/** The three query shapes of the issue, through the service's own SQL, as `audit_writer`. */
export async function benchQueries(writer: DataSource, runs: number): Promise<Record<string, Percentiles | string>> {
  const events = new AuditEventsRepository(writer);
  const timeline = new UserTimelineRepository(writer);
  const now = Date.now();
  const dayPage = (index: number): Promise<unknown> => {
    const since = new Date(now - (1 + ((index * 37) % (SPAN_DAYS - 2))) * DAY_MS);
    const query = parseAuditEventQuery({ since: since.toISOString(), until: new Date(since.getTime() + DAY_MS).toISOString(), limit: '100' });
    return events.page(pick(BENCH_TENANTS, index), query, 101);
  };
  const userTimeline = (index: number): Promise<unknown> => {
    const tenant = pick(BENCH_TENANTS, index);
    return timeline.records(tenant, `user${(index * 104729) % USERS_PER_TENANT}@${tenant}.example.com`, new Date(now - 90 * DAY_MS), new Date(now));
  };
  const filtered = (index: number): Promise<unknown> => {
    const since = new Date(now - 30 * DAY_MS - ((index * 13) % 300) * DAY_MS);
    const query = parseAuditEventQuery({
      since: since.toISOString(),
      until: new Date(since.getTime() + 30 * DAY_MS).toISOString(),
      filter: 'eventType eq "zoom.user.sync.failed" and outcome eq "FAILURE"',
      limit: '100',
    });
    return events.page(pick(BENCH_TENANTS, index), query, 101);
  };
  await dayPage(0);
  await userTimeline(0);
  await filtered(0);
  const sample = auditEventsSql(BENCH_TENANTS[0], parseAuditEventQuery({ since: new Date(now - 2 * DAY_MS).toISOString(), until: new Date(now - DAY_MS).toISOString() }), 101);
  const plan: { 'QUERY PLAN': string }[] = await writer.query(`EXPLAIN ${sample.sql}`, sample.params);
  return {
    dayPage100: await timeRuns(runs, dayPage),
    userTimeline90Days: await timeRuns(runs, userTimeline),
    eventTypeAndOutcome30Days: await timeRuns(runs, filtered),
    dayPagePlan: plan.map((row) => row['QUERY PLAN']).join('\n'),
  };
}
