import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { ScimErrorCode, scimErrorFor } from '@bridge/scim';
import type { AuthenticatedRequest } from '../scim-auth/scim-auth.guard';
import { takeToken, type BucketState } from './token-bucket.rules';

/**
 * The tenant's inbound limit (`okta.inboundRateLimit` in the registry), per replica. Okta retries a
 * 429 itself after `Retry-After`, so pushing back loses nothing. Runs after ScimAuthGuard.
 */
@Injectable()
export class InboundRateLimitGuard implements CanActivate {
  private readonly buckets = new Map<string, BucketState>();

  canActivate(context: ExecutionContext): boolean {
    const caller = context.switchToHttp().getRequest<AuthenticatedRequest>().scimCaller;
    if (caller === undefined) {
      throw new Error('InboundRateLimitGuard used without ScimAuthGuard before it');
    }
    const limit = caller.tenant.okta.inboundRateLimit;
    const decision = takeToken(this.buckets.get(caller.tenant.id), limit, Date.now());
    this.buckets.set(caller.tenant.id, decision.state);
    if (!decision.allowed) {
      throw scimErrorFor(
        ScimErrorCode.RATE_LIMITED,
        `Too many requests for this app: the bridge accepts ${limit.requestsPerSecond} per second (bursts of ${limit.burst}). Okta retries automatically after ${decision.retryAfterSeconds} s; raise okta.inboundRateLimit in the tenant registry if this persists.`,
        decision.retryAfterSeconds,
      );
    }
    return true;
  }
}
