import { Injectable } from '@nestjs/common';
import { SecretUnavailableError, describeSecretRef, resolveSecret, type TenantConfig } from '@bridge/tenancy';
import { CredentialProblemCode, networkProblem, oauthProblem, scimCallProblem, type CredentialProblem } from './credentials-check.rules';

export interface CheckStep {
  step: 'secret' | 'oauth-token' | 'scim-call';
  ok: boolean;
  detail: string;
}

export interface CredentialsReport {
  tenantId: string;
  baseUrl: string;
  authType: 'bearer' | 'oauth';
  ok: boolean;
  steps: CheckStep[];
  problem?: CredentialProblem;
}

type HttpAnswer = { status: number; body: unknown } | { problem: CredentialProblem };

/**
 * Zoom's equivalent of Okta's "Test API Credentials": resolves the secret, fetches an OAuth token
 * when the tenant uses one, then makes the cheapest SCIM call, and says exactly what failed.
 */
@Injectable()
export class CredentialsCheckService {
  async check(tenant: TenantConfig, timeoutMs = 10_000): Promise<CredentialsReport> {
    const auth = tenant.zoom.auth;
    const report: CredentialsReport = { tenantId: tenant.id, baseUrl: tenant.zoom.baseUrl, authType: auth.type, ok: false, steps: [] };
    const fail = (step: CheckStep['step'], problem: CredentialProblem): CredentialsReport => {
      report.steps.push({ step, ok: false, detail: problem.message });
      return { ...report, problem };
    };
    let secrets: string[];
    try {
      secrets = auth.type === 'bearer' ? [resolveSecret(auth.token)] : [resolveSecret(auth.clientId), resolveSecret(auth.clientSecret)];
    } catch (error) {
      if (!(error instanceof SecretUnavailableError)) {
        throw error;
      }
      return fail('secret', { code: CredentialProblemCode.SECRET_UNAVAILABLE, message: `${error.message}; set it where the registry points.` });
    }
    const refs = auth.type === 'bearer' ? [auth.token] : [auth.clientId, auth.clientSecret];
    report.steps.push({ step: 'secret', ok: true, detail: `read ${refs.map(describeSecretRef).join(' and ')}` });

    let token = secrets[0];
    if (auth.type === 'oauth') {
      const url = new URL(auth.tokenUrl);
      url.searchParams.set('grant_type', 'account_credentials');
      url.searchParams.set('account_id', auth.accountId);
      const basic = Buffer.from(`${secrets[0]}:${secrets[1]}`).toString('base64');
      const answer = await send(url.toString(), { method: 'POST', headers: { authorization: `Basic ${basic}` } }, timeoutMs);
      if ('problem' in answer) {
        return fail('oauth-token', answer.problem);
      }
      const accessToken = (answer.body as { access_token?: unknown } | undefined)?.access_token;
      if (answer.status !== 200 || typeof accessToken !== 'string') {
        return fail('oauth-token', oauthProblem(answer.status, answer.body));
      }
      token = accessToken;
      report.steps.push({ step: 'oauth-token', ok: true, detail: `Zoom issued an access token for account ${auth.accountId}` });
    }

    const answer = await send(`${tenant.zoom.baseUrl}/Users?startIndex=1&count=1`, { headers: { authorization: `Bearer ${token}`, accept: 'application/scim+json' } }, timeoutMs);
    if ('problem' in answer) {
      return fail('scim-call', answer.problem);
    }
    const problem = scimCallProblem(answer.status, answer.body);
    if (problem !== undefined) {
      return fail('scim-call', problem);
    }
    const total = (answer.body as { totalResults?: unknown } | undefined)?.totalResults;
    report.steps.push({ step: 'scim-call', ok: true, detail: `GET /Users answered 200${typeof total === 'number' ? ` (${total} users)` : ''}` });
    return { ...report, ok: true };
  }
}

async function send(url: string, init: RequestInit, timeoutMs: number): Promise<HttpAnswer> {
  const target = new URL(url).origin;
  try {
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    const text = await response.text();
    return { status: response.status, body: parseBody(text) };
  } catch (error) {
    const name = (error as { name?: unknown }).name;
    if (name === 'TimeoutError' || name === 'AbortError') {
      return { problem: networkProblem(target, 'TIMEOUT', 'timed out') };
    }
    const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
    const code = typeof cause?.code === 'string' ? cause.code : undefined;
    return { problem: networkProblem(target, code, typeof cause?.message === 'string' ? cause.message : String(error)) };
  }
}

function parseBody(text: string): unknown {
  try {
    return text === '' ? undefined : (JSON.parse(text) as unknown);
  } catch {
    // An HTML error page (a proxy, a wrong URL) is still worth quoting.
    return text.slice(0, 200);
  }
}
