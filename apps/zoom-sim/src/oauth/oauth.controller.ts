import { Controller, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { CallLogService } from '../call-log/call-log.service';
import { FaultsService } from '../faults/faults.service';
import { zoomErrorReply, type ZoomReply } from '../scim-http/zoom-error.rules';
import { ZoomSimErrorCode } from '../scim-http/zoom-sim.exception';
import { SimClock } from '../state/sim-clock.service';
import { SimStateService } from '../state/sim-state.service';
import { AccessTokenService } from './access-token.service';
import { basicCredentials } from './authorization-header.rules';

interface Exchange {
  reply: ZoomReply;
  /** The account the call is logged under, once the client is known. */
  accountId?: string;
}

/** Zoom's Server-to-Server OAuth token endpoint (`https://zoom.us/oauth/token`). */
@Controller('oauth')
export class OAuthController {
  constructor(
    private readonly state: SimStateService,
    private readonly tokens: AccessTokenService,
    private readonly faults: FaultsService,
    private readonly callLog: CallLogService,
    private readonly clock: SimClock,
  ) {}

  @Post('token')
  token(@Req() req: Request, @Res() res: Response): void {
    const atMs = this.clock.now();
    const started = performance.now();
    const { reply, accountId } = this.exchange(req);
    res.status(reply.status).json(reply.body);
    if (accountId !== undefined) {
      const latencyMs = Math.round((performance.now() - started) * 100) / 100;
      this.callLog.record({ atMs, account: accountId, method: req.method, path: req.path, status: reply.status, latencyMs, rateLimited: false });
    }
  }

  private exchange(req: Request): Exchange {
    // Zoom documents query parameters; form-encoded bodies are accepted too, as many OAuth clients send them.
    const param = (name: string): string | undefined => stringParam(req.query[name]) ?? stringParam((req.body as Record<string, unknown> | undefined)?.[name]);
    if (param('grant_type') !== 'account_credentials') {
      return { reply: { status: 400, body: { reason: 'Unsupported grant type', error: 'unsupported_grant_type' } } };
    }
    const credentials = basicCredentials(req.headers.authorization);
    const clientAccountId = credentials === undefined ? undefined : this.state.accountIdForClient(credentials.clientId);
    const account = clientAccountId === undefined ? undefined : this.state.account(clientAccountId);
    if (account === undefined || account.config.oauth?.clientSecret !== credentials?.clientSecret) {
      return { reply: { status: 401, body: { reason: 'Invalid client_id or client_secret', error: 'invalid_client' } }, accountId: clientAccountId };
    }
    const accountId = account.config.id;
    const requestedAccount = param('account_id');
    if (requestedAccount === undefined || requestedAccount === '') {
      return { reply: { status: 400, body: { reason: 'Invalid request : Account ID is required.', error: 'invalid_request' } }, accountId };
    }
    if (requestedAccount !== accountId) {
      return { reply: { status: 400, body: { reason: 'Invalid account_id', error: 'invalid_request' } }, accountId };
    }
    const faults = this.faults.get(accountId);
    if (faults?.outage === true) {
      return { reply: zoomErrorReply(ZoomSimErrorCode.OUTAGE), accountId };
    }
    const withScimScope = !(account.config.missingScope || faults?.missingScope === true);
    return { reply: { status: 200, body: this.tokens.issue(account.config, withScimScope) }, accountId };
  }
}

function stringParam(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
