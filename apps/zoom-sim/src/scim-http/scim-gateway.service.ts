import { setTimeout as delay } from 'node:timers/promises';
import { Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Counter } from 'prom-client';
import { BridgeLogger, MetricsService } from '@bridge/observability';
import { summarizeBody } from '../call-log/body-summary.mapper';
import { CallLogService } from '../call-log/call-log.service';
import { FaultsService } from '../faults/faults.service';
import { AccessTokenService } from '../oauth/access-token.service';
import { rateLimitHeaders, type RateDecision } from '../rate-limit/rate-limit.rules';
import { RateLimitService } from '../rate-limit/rate-limit.service';
import { SimClock } from '../state/sim-clock.service';
import type { RateLabel, SimAccount } from '../state/sim-state.model';
import { SimStateService } from '../state/sim-state.service';
import type { MeasuredRequest } from './body-parsing.middleware';
import { zoomErrorReply, type ZoomReply } from './zoom-error.rules';
import { sendZoomReply } from './zoom-reply.writer';
import { ZoomSimErrorCode, ZoomSimException } from './zoom-sim.exception';

export interface ScimRoute {
  /** Absent for calls Zoom has no operation for (they are answered without touching the limits). */
  label?: RateLabel;
  /** The user this call writes: a second write to it while this one runs answers 429. */
  writeKey?: string;
}

export interface ScimContext {
  account: SimAccount;
  /** Where resources of this call live, for `meta.location`: `http://host/scim2` or `http://host/v2/scim2`. */
  baseUrl: string;
  body: unknown;
  bodyChars: number;
}

export type ScimHandler = (context: ScimContext) => ZoomReply;

type Admission = { refused: ZoomReply; accountId?: string } | { account: SimAccount; decision?: RateDecision };

/**
 * What every SCIM call goes through before and after its handler, in Zoom's order: the token
 * (401/403), injected outages, the daily and per-second limits (429), one write per user at a
 * time (429), injected latency and errors; then the reply (late, when its answer is delayed), with
 * rate-limit headers, and the call log.
 */
@Injectable()
export class ScimGatewayService {
  private readonly callsTotal: Counter<'account' | 'label' | 'status'>;

  constructor(
    private readonly state: SimStateService,
    private readonly tokens: AccessTokenService,
    private readonly faults: FaultsService,
    private readonly rateLimits: RateLimitService,
    private readonly callLog: CallLogService,
    private readonly clock: SimClock,
    private readonly logger: BridgeLogger,
    metrics: MetricsService,
  ) {
    this.callsTotal = metrics.counter('zoom_sim_scim_calls_total', 'SCIM calls answered, by account, rate-limit label and status', ['account', 'label', 'status']);
  }

  async handle(req: Request, res: Response, route: ScimRoute, handler: ScimHandler): Promise<void> {
    const atMs = this.clock.now();
    const started = performance.now();
    const admission = this.admit(req, route);
    let reply: ZoomReply;
    let accountId: string | undefined;
    if ('refused' in admission) {
      reply = admission.refused;
      accountId = admission.accountId;
    } else {
      reply = await this.run(req, route, admission.account, admission.decision, handler);
      accountId = admission.account.config.id;
    }
    sendZoomReply(res, reply);
    if (accountId === undefined) {
      return;
    }
    const bodyChars = (req as MeasuredRequest).bodyChars ?? 0;
    this.callLog.record({
      atMs,
      account: accountId,
      method: req.method,
      path: req.originalUrl,
      status: reply.status,
      label: route.label,
      latencyMs: Math.round((performance.now() - started) * 100) / 100,
      rateLimited: reply.status === 429,
      body: summarizeBody(req.body, bodyChars),
    });
    this.callsTotal.inc({ account: accountId, label: route.label ?? 'none', status: reply.status });
  }

  private admit(req: Request, route: ScimRoute): Admission {
    const bearer = this.tokens.resolve(req.headers.authorization);
    if (!bearer.ok) {
      return { refused: zoomErrorReply(bearer.code), accountId: bearer.accountId };
    }
    const account = this.state.account(bearer.accountId);
    if (account === undefined) {
      return { refused: zoomErrorReply(ZoomSimErrorCode.INVALID_ACCESS_TOKEN) };
    }
    const config = account.config;
    const faults = this.faults.get(config.id);
    const refuse = (reply: ZoomReply): Admission => ({ refused: reply, accountId: config.id });
    if (faults?.outage === true) {
      return refuse(zoomErrorReply(ZoomSimErrorCode.OUTAGE));
    }
    if (faults?.revokeTokens === true && bearer.kind === 'static') {
      return refuse(zoomErrorReply(ZoomSimErrorCode.INVALID_ACCESS_TOKEN));
    }
    if (config.missingScope || faults?.missingScope === true) {
      return refuse(zoomErrorReply(ZoomSimErrorCode.MISSING_SCOPE));
    }
    if (route.label === undefined) {
      return { account };
    }
    const decision = faults?.throttleToZero === true ? this.rateLimits.throttled(config, route.label) : this.rateLimits.admit(config, route.label);
    switch (decision.outcome) {
      case 'allowed':
        return { account, decision };
      case 'qps-exceeded':
        return refuse(this.withHeaders(account, zoomErrorReply(ZoomSimErrorCode.QPS_LIMIT), rateLimitHeaders(decision)));
      case 'daily-exceeded':
        return refuse(this.withHeaders(account, zoomErrorReply(ZoomSimErrorCode.DAILY_LIMIT), rateLimitHeaders(decision)));
      default: {
        const unhandled: never = decision;
        throw new Error(`unknown rate decision ${JSON.stringify(unhandled)}`);
      }
    }
  }

  private async run(req: Request, route: ScimRoute, account: SimAccount, decision: RateDecision | undefined, handler: ScimHandler): Promise<ZoomReply> {
    const accountId = account.config.id;
    if (route.writeKey !== undefined && !this.rateLimits.tryStartWrite(accountId, route.writeKey)) {
      return this.withHeaders(account, zoomErrorReply(ZoomSimErrorCode.TOO_MANY_CONCURRENT), { 'Retry-After': '1' });
    }
    let reply: ZoomReply;
    const faults = this.faults.get(accountId);
    try {
      const latencyMs = faults?.latencyMs ?? 0;
      if (latencyMs > 0) {
        await delay(latencyMs);
      }
      const injected = this.faults.injectedError(accountId);
      reply = injected === undefined ? handler(this.contextOf(req, account)) : zoomErrorReply(injected);
    } catch (error) {
      reply = this.errorReply(error, req);
    } finally {
      if (route.writeKey !== undefined) {
        this.rateLimits.finishWrite(accountId, route.writeKey);
      }
    }
    // The change is made (and the user free for the next write); only the answer is late.
    const answerDelayMs = faults?.answerDelayMs ?? 0;
    if (answerDelayMs > 0) {
      await delay(answerDelayMs);
    }
    return decision === undefined ? reply : this.withHeaders(account, reply, rateLimitHeaders(decision));
  }

  private contextOf(req: Request, account: SimAccount): ScimContext {
    // The same API answers under /scim2 and /v2/scim2; locations point back to whichever was called.
    const prefix = req.originalUrl.startsWith('/v2/') ? '/v2/scim2' : '/scim2';
    return { account, baseUrl: `${req.protocol}://${req.get('host') ?? 'localhost'}${prefix}`, body: req.body as unknown, bodyChars: (req as MeasuredRequest).bodyChars ?? 0 };
  }

  private errorReply(error: unknown, req: Request): ZoomReply {
    if (error instanceof ZoomSimException) {
      return zoomErrorReply(error.code, error.detail);
    }
    // A bug in the simulator, not a Zoom behaviour: say so loudly and answer like a Zoom 500.
    this.logger.error('zoom-sim failed to handle a SCIM call', { method: req.method, path: req.path, err: error });
    return zoomErrorReply(ZoomSimErrorCode.INTERNAL_ERROR);
  }

  private withHeaders(account: SimAccount, reply: ZoomReply, headers: Record<string, string>): ZoomReply {
    return account.config.omitRateLimitHeaders ? reply : { ...reply, headers: { ...reply.headers, ...headers } };
  }
}
