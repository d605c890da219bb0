import { digestToken } from '../tokens/token.digest';

/** Fixed tokens so specs can authenticate with the credentials the example registry declares. */
export const fixtureTokens = {
  demoCurrent: 'ozb_demo-current-token',
  demoPrevious: 'ozb_demo-previous-token',
  demoRevoked: 'ozb_demo-revoked-token',
  acme: 'ozb_acme-token',
  demoAuditor: 'ozb_demo-auditor-token',
  demoRevokedAuditor: 'ozb_demo-revoked-auditor-token',
  platformAuditor: 'ozb_platform-auditor-token',
} as const;

const d = (token: string): string => digestToken(token);

/** The registry from the design brief, with a second tenant; line numbers are relied on by specs. */
export const exampleRegistryYaml = `platformAuditors:
  - id: soc-platform
    tokenDigest: ${d(fixtureTokens.platformAuditor)}
tenants:
  - id: demo
    name: Demo Org
    okta:
      scimTokens:
        - id: okta-2026-11
          digest: ${d(fixtureTokens.demoCurrent)}
        - id: okta-2026-05
          digest: ${d(fixtureTokens.demoPrevious)}
        - id: okta-2025-11
          digest: ${d(fixtureTokens.demoRevoked)}
          revoked: true
      inboundRateLimit: { requestsPerSecond: 100, burst: 200 }
    zoom:
      baseUrl: https://api.zoom.us/scim2
      accountId: demo-account
      auth:
        type: bearer
        token: { env: DEMO_ZOOM_TOKEN }
      rateLimit: { lightPerSecond: 10, mediumPerSecond: 5, dailyLimit: null }
    provisioning: { createUsers: true, updateUserAttributes: true, deactivateUsers: true }
    mappings: []
    groupPush: { rules: [] }
    audit:
      retentionDays: 400
      auditors:
        - id: soc-analyst
          tokenDigest: ${d(fixtureTokens.demoAuditor)}
        - id: former-analyst
          tokenDigest: ${d(fixtureTokens.demoRevokedAuditor)}
          revoked: true
  - id: acme
    name: Acme Corp
    okta:
      scimTokens:
        - id: okta-2026-12
          digest: ${d(fixtureTokens.acme)}
    zoom:
      auth:
        type: oauth
        accountId: acme-zoom-account
        clientId: { env: ACME_ZOOM_CLIENT_ID }
        clientSecret: { file: /var/run/secrets/acme/zoom-client-secret }
`;

/** A minimal valid one-tenant registry, for specs that only need something loadable. */
export function minimalRegistryYaml(tenantId = 'demo', token = fixtureTokens.demoCurrent): string {
  return `tenants:
  - id: ${tenantId}
    name: ${tenantId} org
    okta:
      scimTokens:
        - { id: okta-1, digest: ${d(token)} }
    zoom:
      auth: { type: bearer, token: { env: ZOOM_TOKEN } }
`;
}
