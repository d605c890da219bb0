import { Inject, Injectable } from '@nestjs/common';
import type { RateLabel } from '../state/sim-state.model';
import { SimClock } from '../state/sim-clock.service';
import type { BodySummary } from './body-summary.mapper';
import { CallRingBuffer } from './call-ring.buffer';
import { callsPerSecond, type SecondCount } from './call-stats.rules';

export const CALL_LOG_CAPACITY = Symbol('CALL_LOG_CAPACITY');

export interface CallRecord {
  seq: number;
  atMs: number;
  account: string;
  method: string;
  path: string;
  status: number;
  label?: RateLabel;
  latencyMs: number;
  rateLimited: boolean;
  body?: BodySummary;
}

export type CallView = Omit<CallRecord, 'atMs'> & { at: string };

export interface CallStats {
  account: string;
  total: number;
  byStatus: Record<string, number>;
  rateLimited: number;
  windowSeconds: number;
  callsPerSecond: number;
  perSecond: SecondCount[];
}

interface AccountLog {
  ring: CallRingBuffer<CallRecord>;
  total: number;
  rateLimited: number;
  byStatus: Map<number, number>;
}

/** Every call each account received, newest `capacity` kept, with running counts since the last reset. */
@Injectable()
export class CallLogService {
  private seq = 0;
  private readonly logs = new Map<string, AccountLog>();

  constructor(
    @Inject(CALL_LOG_CAPACITY) private readonly capacity: number,
    private readonly clock: SimClock,
  ) {}

  record(call: Omit<CallRecord, 'seq'>): void {
    const log = this.logOf(call.account);
    // Sequence numbers keep growing across resets, so a poller's `since` never points backwards.
    this.seq += 1;
    // Spelled out rather than spread: a spread copy takes about three times the memory, and the log holds 200k of them.
    log.ring.push({
      seq: this.seq,
      atMs: call.atMs,
      account: call.account,
      method: call.method,
      path: call.path,
      status: call.status,
      label: call.label,
      latencyMs: call.latencyMs,
      rateLimited: call.rateLimited,
      body: call.body,
    });
    log.total += 1;
    log.byStatus.set(call.status, (log.byStatus.get(call.status) ?? 0) + 1);
    if (call.rateLimited) {
      log.rateLimited += 1;
    }
  }

  /** The account's calls after `since`, oldest first, and the seq to ask from next time. */
  since(account: string, since: number, limit: number): { calls: CallView[]; lastSeq: number } {
    const calls = this.logs.get(account)?.ring.after(since, limit) ?? [];
    return { calls: calls.map(toView), lastSeq: calls.at(-1)?.seq ?? Math.max(since, 0) };
  }

  stats(account: string, windowSeconds: number): CallStats {
    const log = this.logs.get(account);
    const perSecond = callsPerSecond(timestamps(log), this.clock.now(), windowSeconds);
    const inWindow = perSecond.reduce((sum, second) => sum + second.calls, 0);
    return {
      account,
      total: log?.total ?? 0,
      byStatus: Object.fromEntries([...(log?.byStatus ?? [])].map(([status, count]) => [String(status), count])),
      rateLimited: log?.rateLimited ?? 0,
      windowSeconds,
      callsPerSecond: Math.round((inWindow / windowSeconds) * 100) / 100,
      perSecond,
    };
  }

  forgetAccount(account: string): void {
    this.logs.delete(account);
  }

  clear(): void {
    this.logs.clear();
  }

  private logOf(account: string): AccountLog {
    let log = this.logs.get(account);
    if (log === undefined) {
      log = { ring: new CallRingBuffer(this.capacity), total: 0, rateLimited: 0, byStatus: new Map() };
      this.logs.set(account, log);
    }
    return log;
  }
}

function* timestamps(log: AccountLog | undefined): Generator<number> {
  if (log === undefined) {
    return;
  }
  for (const call of log.ring.newestFirst()) {
    yield call.atMs;
  }
}

function toView({ atMs, ...call }: CallRecord): CallView {
  return { ...call, at: new Date(atMs).toISOString() };
}
