import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ZoomSimErrorCode } from '../scim-http/zoom-sim.exception';
import type { AccountConfig } from '../state/account-config.schema';
import { SimClock } from '../state/sim-clock.service';
import { SimStateService } from '../state/sim-state.service';
import { bearerToken } from './authorization-header.rules';

export const FULL_SCOPE = 'scim2:admin';
// What a token without the SCIM scope carries instead: enough to look plausible, not enough for SCIM.
export const REDUCED_SCOPE = 'user:read:admin';

interface IssuedToken {
  accountId: string;
  expiresAt: number;
}

export type BearerResolution =
  | { ok: true; accountId: string; kind: 'static' | 'oauth' }
  | { ok: false; code: ZoomSimErrorCode.INVALID_ACCESS_TOKEN | ZoomSimErrorCode.EXPIRED_ACCESS_TOKEN; accountId?: string };

export interface IssuedAccessToken {
  access_token: string;
  token_type: 'bearer';
  expires_in: number;
  scope: string;
}

// Expired tokens are dropped in sweeps once this many are held, so a long benchmark cannot grow the map.
const SWEEP_THRESHOLD = 10_000;

/** Issues Server-to-Server OAuth tokens and tells which account a bearer token (static or OAuth) is for. */
@Injectable()
export class AccessTokenService {
  private readonly tokens = new Map<string, IssuedToken>();

  constructor(
    private readonly state: SimStateService,
    private readonly clock: SimClock,
  ) {}

  issue(config: AccountConfig, withScimScope: boolean): IssuedAccessToken {
    const lifetimeSeconds = config.oauth?.tokenLifetimeSeconds ?? 3600;
    const now = this.clock.now();
    if (this.tokens.size >= SWEEP_THRESHOLD) {
      this.sweep(now);
    }
    const token = `zsim.${randomBytes(24).toString('base64url')}`;
    this.tokens.set(token, { accountId: config.id, expiresAt: now + lifetimeSeconds * 1000 });
    return { access_token: token, token_type: 'bearer', expires_in: lifetimeSeconds, scope: withScimScope ? FULL_SCOPE : REDUCED_SCOPE };
  }

  resolve(authorization: string | undefined): BearerResolution {
    const token = bearerToken(authorization);
    if (token === undefined) {
      return { ok: false, code: ZoomSimErrorCode.INVALID_ACCESS_TOKEN };
    }
    const staticAccount = this.state.accountIdForStaticToken(token);
    if (staticAccount !== undefined) {
      return { ok: true, accountId: staticAccount, kind: 'static' };
    }
    const issued = this.tokens.get(token);
    if (issued === undefined) {
      return { ok: false, code: ZoomSimErrorCode.INVALID_ACCESS_TOKEN };
    }
    if (issued.expiresAt <= this.clock.now()) {
      return { ok: false, code: ZoomSimErrorCode.EXPIRED_ACCESS_TOKEN, accountId: issued.accountId };
    }
    return { ok: true, accountId: issued.accountId, kind: 'oauth' };
  }

  /** Every OAuth token issued so far for the account stops working; new ones can be fetched. */
  revokeAll(accountId: string): void {
    for (const [token, issued] of this.tokens) {
      if (issued.accountId === accountId) {
        this.tokens.delete(token);
      }
    }
  }

  clear(): void {
    this.tokens.clear();
  }

  private sweep(now: number): void {
    for (const [token, issued] of this.tokens) {
      if (issued.expiresAt <= now) {
        this.tokens.delete(token);
      }
    }
  }
}
