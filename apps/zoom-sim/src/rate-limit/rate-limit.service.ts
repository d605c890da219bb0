import { Injectable } from '@nestjs/common';
import type { AccountConfig } from '../state/account-config.schema';
import { SimClock } from '../state/sim-clock.service';
import type { RateLabel } from '../state/sim-state.model';
import { EMPTY_WINDOW, nextUtcMidnight, secondOf, takeFromWindow, utcDayOf, type CounterWindow, type RateDecision } from './rate-limit.rules';

interface AccountCounters {
  Light: CounterWindow;
  Medium: CounterWindow;
  day: CounterWindow;
}

/**
 * Zoom's limits per account, shared by every caller of the account: a per-second counter per
 * label, an optional daily cap across labels, and one write at a time per user.
 */
@Injectable()
export class RateLimitService {
  private readonly counters = new Map<string, AccountCounters>();
  private readonly writesInFlight = new Set<string>();

  constructor(private readonly clock: SimClock) {}

  /** Counts the call if the daily cap and the label's per-second limit both allow it. */
  admit(config: AccountConfig, label: RateLabel): RateDecision {
    const now = this.clock.now();
    let counters = this.counters.get(config.id);
    if (counters === undefined) {
      counters = { Light: EMPTY_WINDOW, Medium: EMPTY_WINDOW, day: EMPTY_WINDOW };
      this.counters.set(config.id, counters);
    }
    let day: CounterWindow | undefined;
    if (config.dailyLimit !== undefined) {
      const take = takeFromWindow(counters.day, utcDayOf(now), config.dailyLimit);
      if (!take.allowed) {
        return { outcome: 'daily-exceeded', label, limit: config.dailyLimit, resumeAt: nextUtcMidnight(now) };
      }
      day = take.window;
    }
    const limit = this.limitOf(config, label);
    const qps = takeFromWindow(counters[label], secondOf(now), limit);
    if (!qps.allowed) {
      return { outcome: 'qps-exceeded', label, limit };
    }
    counters[label] = qps.window;
    if (day !== undefined) {
      counters.day = day;
    }
    return { outcome: 'allowed', label, limit, remaining: qps.remaining };
  }

  /** The 429 a throttled-to-zero account answers, whatever its counters say. */
  throttled(config: AccountConfig, label: RateLabel): RateDecision {
    return { outcome: 'qps-exceeded', label, limit: this.limitOf(config, label) };
  }

  /** Claims the right to write `key` (a user); false while another write to it is under way. */
  tryStartWrite(accountId: string, key: string): boolean {
    const slot = `${accountId}\u0000${key}`;
    if (this.writesInFlight.has(slot)) {
      return false;
    }
    this.writesInFlight.add(slot);
    return true;
  }

  finishWrite(accountId: string, key: string): void {
    this.writesInFlight.delete(`${accountId}\u0000${key}`);
  }

  forgetAccount(accountId: string): void {
    this.counters.delete(accountId);
  }

  clear(): void {
    this.counters.clear();
  }

  private limitOf(config: AccountConfig, label: RateLabel): number {
    return label === 'Light' ? config.rateLimits.light : config.rateLimits.medium;
  }
}
