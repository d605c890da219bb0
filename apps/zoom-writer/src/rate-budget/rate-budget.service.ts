import { Injectable } from '@nestjs/common';
import { TenantService, type TenantConfig } from '@bridge/tenancy';
import { TokenBucket } from './token-bucket';

export type RateLabel = 'light' | 'medium';

/**
 * Zoom's per-account rate budget. Tenants on one Zoom account share a bucket per label, since
 * Zoom counts every app on the account together.
 */
@Injectable()
export class RateBudgetService {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(private readonly tenants: TenantService) {}

  /** Waits until a call of this label may go out. */
  async reserve(tenant: TenantConfig, label: RateLabel): Promise<void> {
    const bucket = this.bucket(tenant, label);
    for (;;) {
      const wait = bucket.tryTake(Date.now());
      if (wait === 0) {
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }

  /** Zoom answered 429: hold every call of this account and label until `until`. */
  holdUntil(tenant: TenantConfig, label: RateLabel, until: Date): void {
    this.bucket(tenant, label).blockUntil(until.getTime());
  }

  private bucket(tenant: TenantConfig, label: RateLabel): TokenBucket {
    const key = `${this.tenants.directory().zoomBudgetKey(tenant)}:${label}`;
    const rate = label === 'light' ? tenant.zoom.rateLimit.lightPerSecond : tenant.zoom.rateLimit.mediumPerSecond;
    let bucket = this.buckets.get(key);
    if (bucket === undefined) {
      bucket = new TokenBucket(rate, Math.max(1, Math.ceil(rate)), Date.now());
      this.buckets.set(key, bucket);
    } else {
      bucket.setRate(rate);
    }
    return bucket;
  }
}
