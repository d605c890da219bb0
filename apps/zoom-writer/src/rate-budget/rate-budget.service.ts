import { Injectable } from '@nestjs/common';
import { MetricsService } from '@bridge/observability';
import { TenantService, type TenantConfig } from '@bridge/tenancy';
import { ZoomWriteErrorCode, type ZoomFailure } from '../zoom-api/zoom-response.rules';
import { adaptBudget, burstFor, countedSecond, dailyCapHold, initialBudget, type BudgetState, type RateSignal } from './rate-adaptation.rules';
import { TokenBucket } from './token-bucket';

/** Zoom's rate-limit labels: user reads and writes are Light, list calls Medium. */
export type RateLabel = 'light' | 'medium';

interface LabelBudget {
  bucket: TokenBucket;
  state: BudgetState;
  /** Calls taken from the bucket whose answer has not been recorded yet. */
  inFlight: number;
}

interface AccountBudget {
  labels: Map<RateLabel, LabelBudget>;
  day: number;
  usedToday: number;
}

export interface ZoomAnswer {
  /** null when no answer came (a network failure). */
  status: number | null;
  headers?: Headers;
  failure?: ZoomFailure;
  /** When the call was sent (epoch ms). */
  sentAt: number;
}

/**
 * Zoom's per-account rate budget. Tenants on one Zoom account share it (Zoom counts every app
 * on the account together); tenants on different accounts never wait for each other.
 */
@Injectable()
export class RateBudgetService {
  private readonly accounts = new Map<string, AccountBudget>();
  private readonly paceGauge;

  constructor(
    private readonly tenants: TenantService,
    metrics: MetricsService,
  ) {
    this.paceGauge = metrics.gauge('zoom_writer_rate_budget_per_second', 'Pace in force per Zoom account and label', ['budget', 'label']);
  }

  /**
   * Waits until a call of this label may go out, and counts it. A hold longer than `maxWaitMs`
   * (a daily limit, a long Retry-After) is not waited out here: the answer is the time it ends.
   */
  async reserve(tenant: TenantConfig, label: RateLabel, maxWaitMs = 2000): Promise<{ heldUntil: number } | undefined> {
    const account = this.account(tenant);
    const budget = this.label(tenant, account, label);
    for (;;) {
      const now = Date.now();
      this.rollDay(account, now);
      const dailyHold = dailyCapHold(account.usedToday, tenant.zoom.rateLimit.dailyLimit, now);
      if (dailyHold !== undefined) {
        budget.bucket.blockUntil(dailyHold);
      }
      const wait = budget.bucket.tryTake(now);
      if (wait === 0) {
        account.usedToday += 1;
        budget.inFlight += 1;
        return undefined;
      }
      if (wait > maxWaitMs) {
        return { heldUntil: now + wait };
      }
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }

  /**
   * Settles a call `reserve` let through (once per call, answered or not) and adapts the pace to
   * Zoom's answer: its X-RateLimit-* headers, or the 429 body when they are missing.
   */
  record(tenant: TenantConfig, label: RateLabel, answer: ZoomAnswer): void {
    const account = this.account(tenant);
    const budget = this.label(tenant, account, label);
    budget.inFlight = Math.max(0, budget.inFlight - 1);
    const now = Date.now();
    const signal = rateSignal(answer, now, budget.inFlight);
    if (signal === undefined) {
      return;
    }
    const adaptation = adaptBudget(budget.state, signal, now);
    budget.state = adaptation.state;
    budget.bucket.setRate(adaptation.state.rate, burstFor(adaptation.state.rate));
    if (adaptation.holdUntil !== undefined) {
      budget.bucket.blockUntil(adaptation.holdUntil);
    }
    this.paceGauge.set({ budget: this.tenants.directory().zoomBudgetKey(tenant), label }, adaptation.state.rate);
  }

  /** Until when Zoom told this tenant's account to wait (0 when it did not). */
  heldUntil(tenant: TenantConfig, label: RateLabel): number {
    return this.label(tenant, this.account(tenant), label).bucket.heldUntil();
  }

  /** The pace in force for this label, in calls per second. */
  pace(tenant: TenantConfig, label: RateLabel): number {
    return this.label(tenant, this.account(tenant), label).state.rate;
  }

  private account(tenant: TenantConfig): AccountBudget {
    const key = this.tenants.directory().zoomBudgetKey(tenant);
    let account = this.accounts.get(key);
    if (account === undefined) {
      account = { labels: new Map(), day: utcDay(Date.now()), usedToday: 0 };
      this.accounts.set(key, account);
    }
    return account;
  }

  private label(tenant: TenantConfig, account: AccountBudget, label: RateLabel): LabelBudget {
    const configured = label === 'light' ? tenant.zoom.rateLimit.lightPerSecond : tenant.zoom.rateLimit.mediumPerSecond;
    let budget = account.labels.get(label);
    if (budget === undefined) {
      const state = initialBudget(configured);
      budget = { state, bucket: new TokenBucket(state.rate, burstFor(state.rate), Date.now()), inFlight: 0 };
      account.labels.set(label, budget);
    } else if (budget.state.configured !== configured) {
      // The registry changed the tenant's budget: start again from the new figure.
      budget.state = initialBudget(configured);
      budget.bucket.setRate(budget.state.rate, burstFor(budget.state.rate));
    }
    return budget;
  }

  private rollDay(account: AccountBudget, now: number): void {
    const day = utcDay(now);
    if (day !== account.day) {
      account.day = day;
      account.usedToday = 0;
    }
  }
}

function utcDay(now: number): number {
  return Math.floor(now / 86_400_000);
}

function rateSignal(answer: ZoomAnswer, now: number, inFlight: number): RateSignal | undefined {
  const reported = numberHeader(answer.headers, 'x-ratelimit-limit');
  const limit = reported === 0 ? undefined : reported;
  const failure = answer.failure;
  if (failure?.code === ZoomWriteErrorCode.DAILY_LIMIT && failure.retryAt !== undefined) {
    return { kind: 'daily-limited', retryAt: failure.retryAt.getTime() };
  }
  if (failure?.code === ZoomWriteErrorCode.RATE_LIMITED && failure.retryAt !== undefined) {
    return { kind: 'qps-limited', retryAt: failure.retryAt.getTime(), limit };
  }
  if (answer.status === null || answer.status === 429 || answer.headers === undefined) {
    return undefined;
  }
  const type = answer.headers.get('x-ratelimit-type');
  return {
    kind: 'answered',
    limit,
    remaining: numberHeader(answer.headers, 'x-ratelimit-remaining'),
    qps: type === null || type.toUpperCase() === 'QPS',
    countedIn: countedSecond(answer.sentAt, now, answer.headers.get('date')),
    inFlight,
  };
}

function numberHeader(headers: Headers | undefined, name: string): number | undefined {
  const value = headers?.get(name);
  if (value === null || value === undefined || value.trim() === '') {
    return undefined;
  }
  const parsed = Number(value);
  return Number.isFinite(parsed) && parsed >= 0 ? parsed : undefined;
}
