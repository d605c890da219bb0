const DAY_MS = 24 * 3600 * 1000;

export const DEFAULT_RETENTION_DAYS = 400;

export function monthEnd(monthStart: Date): Date {
  return new Date(Date.UTC(monthStart.getUTCFullYear(), monthStart.getUTCMonth() + 1, 1));
}

/** The months (UTC month starts) whose every record is older than the retention, oldest first. */
export function expiredMonths(monthStarts: Date[], now: Date, retentionDays: number): Date[] {
  const horizon = now.getTime() - retentionDays * DAY_MS;
  return monthStarts.filter((start) => monthEnd(start).getTime() <= horizon).sort((a, b) => a.getTime() - b.getTime());
}

/** `ev_<tenant hash>_YYYYMM` → the month's first instant (UTC). */
export function monthOfPartition(name: string): Date | undefined {
  const match = /_(\d{4})(\d{2})$/.exec(name);
  return match === null ? undefined : new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, 1));
}
