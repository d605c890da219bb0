import { zoomErrorText } from '../zoom-api/zoom-response.rules';

export enum CredentialProblemCode {
  SECRET_UNAVAILABLE = 'secret-unavailable',
  DNS_FAILURE = 'dns-failure',
  UNREACHABLE = 'unreachable',
  TLS_FAILURE = 'tls-failure',
  TIMEOUT = 'timeout',
  OAUTH_CLIENT_REFUSED = 'oauth-client-refused',
  TOKEN_REJECTED = 'token-rejected',
  MISSING_SCOPE = 'missing-scope',
  SSO_NOT_ENABLED = 'sso-or-vanity-url-not-enabled',
  FORBIDDEN = 'forbidden',
  WRONG_BASE_URL = 'wrong-base-url',
  ZOOM_UNAVAILABLE = 'zoom-unavailable',
  RATE_LIMITED = 'rate-limited',
  UNEXPECTED = 'unexpected-response',
}

export interface CredentialProblem {
  code: CredentialProblemCode;
  /** One sentence an admin can act on. */
  message: string;
}

const TLS_CODES = /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/i;

/** Why a request did not get an HTTP answer at all. */
export function networkProblem(target: string, code: string | undefined, detail: string): CredentialProblem {
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return { code: CredentialProblemCode.DNS_FAILURE, message: `${target}: the host name does not resolve (${code}); check the URL in the tenant registry and the service's DNS.` };
  }
  if (code !== undefined && TLS_CODES.test(code)) {
    return { code: CredentialProblemCode.TLS_FAILURE, message: `${target}: the TLS handshake failed (${code}); a proxy may be intercepting HTTPS, or the URL is wrong.` };
  }
  if (code === 'TIMEOUT') {
    return { code: CredentialProblemCode.TIMEOUT, message: `${target}: no answer in time; check egress (firewall, proxy) to Zoom.` };
  }
  return { code: CredentialProblemCode.UNREACHABLE, message: `${target}: cannot connect (${code ?? detail}); check the URL and egress to Zoom.` };
}

/** What Zoom's OAuth endpoint refusing the account_credentials grant means. */
export function oauthProblem(status: number, body: unknown): CredentialProblem {
  const text = zoomErrorText(body);
  if (status >= 500) {
    return { code: CredentialProblemCode.ZOOM_UNAVAILABLE, message: `Zoom's OAuth endpoint answered ${status}; try again later (status.zoom.us).` };
  }
  return {
    code: CredentialProblemCode.OAUTH_CLIENT_REFUSED,
    message: `Zoom's OAuth endpoint refused the Server-to-Server app (${status}${text === '' ? '' : `: ${text}`}); check the account id, client id and client secret, and that the app is activated.`,
  };
}

/** What the answer to the cheap SCIM call (`GET /Users?count=1`) says about the credentials; undefined when fine. */
export function scimCallProblem(status: number, body: unknown): CredentialProblem | undefined {
  if (status >= 200 && status < 300) {
    return undefined;
  }
  const text = zoomErrorText(body);
  const quoted = text === '' ? '' : ` ("${text}")`;
  if (/\bsso\b|single sign|vanity/i.test(text)) {
    return { code: CredentialProblemCode.SSO_NOT_ENABLED, message: `Zoom refused SCIM for this account${quoted}: SCIM needs an approved vanity URL and SSO enabled on a Business or Education account.` };
  }
  if (/scope/i.test(text)) {
    return { code: CredentialProblemCode.MISSING_SCOPE, message: `The token lacks the SCIM scope${quoted}: add scim2:admin (or scim2) to the Server-to-Server app's scopes, or issue a new token with it.` };
  }
  switch (true) {
    case status === 401:
      return { code: CredentialProblemCode.TOKEN_REJECTED, message: `Zoom rejected the token${quoted}: it is wrong, revoked or expired; generate a new one or check the OAuth app.` };
    case status === 403:
      return { code: CredentialProblemCode.FORBIDDEN, message: `Zoom refused the call${quoted}: the token's user or app may not manage users; use an admin-level Server-to-Server app with scim2:admin.` };
    case status === 404:
      return { code: CredentialProblemCode.WRONG_BASE_URL, message: `Nothing answers SCIM at this base URL (404); Zoom's is https://api.zoom.us/scim2.` };
    case status === 429:
      return { code: CredentialProblemCode.RATE_LIMITED, message: `Zoom answered 429${quoted}: the credentials could not be checked because the account's rate limit is used up; try again later.` };
    case status >= 500:
      return { code: CredentialProblemCode.ZOOM_UNAVAILABLE, message: `Zoom answered ${status}; try again later (status.zoom.us).` };
    default:
      return { code: CredentialProblemCode.UNEXPECTED, message: `Zoom answered ${status}${quoted}.` };
  }
}
