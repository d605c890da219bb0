import { CredentialProblemCode, networkProblem, oauthProblem, scimCallProblem } from './credentials-check.rules';

describe('scimCallProblem', () => {
  it.each([
    [200, { totalResults: 1 }, undefined],
    [401, { code: 124, message: 'Invalid access token.' }, CredentialProblemCode.TOKEN_REJECTED],
    [403, { code: 4711, message: 'Invalid access token, does not contain scopes:[scim2:admin].' }, CredentialProblemCode.MISSING_SCOPE],
    [400, { detail: 'SSO is not enabled for this account.' }, CredentialProblemCode.SSO_NOT_ENABLED],
    [403, { message: 'Vanity URL has not been approved.' }, CredentialProblemCode.SSO_NOT_ENABLED],
    [403, { message: 'Forbidden' }, CredentialProblemCode.FORBIDDEN],
    [404, '<html>not found</html>', CredentialProblemCode.WRONG_BASE_URL],
    [429, { code: 429, message: 'You have reached the maximum per-second rate limit' }, CredentialProblemCode.RATE_LIMITED],
    [503, { code: 503, message: 'Service Unavailable' }, CredentialProblemCode.ZOOM_UNAVAILABLE],
    [418, {}, CredentialProblemCode.UNEXPECTED],
  ])('reads %s %j', (status, body, expected) => {
    expect(scimCallProblem(status, body)?.code).toBe(expected);
  });
});

describe('networkProblem', () => {
  it.each([
    ['ENOTFOUND', CredentialProblemCode.DNS_FAILURE],
    ['EAI_AGAIN', CredentialProblemCode.DNS_FAILURE],
    ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', CredentialProblemCode.TLS_FAILURE],
    ['ERR_TLS_CERT_ALTNAME_INVALID', CredentialProblemCode.TLS_FAILURE],
    ['TIMEOUT', CredentialProblemCode.TIMEOUT],
    ['ECONNREFUSED', CredentialProblemCode.UNREACHABLE],
    [undefined, CredentialProblemCode.UNREACHABLE],
  ])('reads %s', (code, expected) => {
    expect(networkProblem('https://api.zoom.us', code, 'x').code).toBe(expected);
  });
});

describe('oauthProblem', () => {
  it.each([
    [400, { reason: 'Invalid client_id or client_secret' }, CredentialProblemCode.OAUTH_CLIENT_REFUSED],
    [401, {}, CredentialProblemCode.OAUTH_CLIENT_REFUSED],
    [502, {}, CredentialProblemCode.ZOOM_UNAVAILABLE],
  ])('reads %s %j', (status, body, expected) => {
    expect(oauthProblem(status, body).code).toBe(expected);
  });
});
