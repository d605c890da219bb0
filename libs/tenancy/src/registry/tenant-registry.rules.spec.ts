import { exampleRegistryYaml, fixtureTokens } from '../testing/tenant-registry.fixture';
import { digestToken } from '../tokens/token.digest';
import { TenantRegistryError } from './tenant-registry.exception';
import { parseTenantRegistry } from './tenant-registry.loader';

const edit = (yaml: string, from: string, to: string): string => {
  if (!yaml.includes(from)) {
    throw new Error(`fixture does not contain ${from}`);
  }
  return yaml.replace(from, to);
};

function rejection(text: string): string {
  try {
    parseTenantRegistry(text, 'tenants.yaml');
  } catch (error) {
    if (error instanceof TenantRegistryError) {
      return error.message;
    }
    throw error;
  }
  throw new Error('expected the registry to be rejected');
}

const demoPreviousDigest = digestToken(fixtureTokens.demoPrevious);

describe('tenant registry rules', () => {
  it('rejects a third active SCIM token, listing the active ones', () => {
    const threeActive = edit(exampleRegistryYaml, '          revoked: true\n      inboundRateLimit', '      inboundRateLimit');
    expect(rejection(threeActive)).toBe(
      'tenants.yaml:8 tenants[0].okta.scimTokens: at most 2 tokens may be active at once (for rotation), found 3 ' +
        '(okta-2026-11, okta-2026-05, okta-2025-11); mark the replaced ones revoked: true',
    );
  });

  it.each([
    ['two active tokens and a revoked one', exampleRegistryYaml],
    ['a tenant with no SCIM token at all', edit(exampleRegistryYaml, `      scimTokens:\n        - id: okta-2026-12\n          digest: ${digestToken(fixtureTokens.acme)}\n`, '      scimTokens: []\n')],
  ])('accepts %s', (_case, yaml) => {
    expect(() => parseTenantRegistry(yaml, 'tenants.yaml')).not.toThrow();
  });

  it.each([
    [
      'a duplicate tenant id',
      ['  - id: acme', '  - id: demo'],
      'tenants.yaml:35 tenants[1].id: duplicate tenant id "demo" (also at tenants[0].id)',
    ],
    [
      'a duplicate token id within a tenant',
      ['- id: okta-2026-05', '- id: okta-2026-11'],
      'tenants.yaml:11 tenants[0].okta.scimTokens[1].id: duplicate token id "okta-2026-11" (also at tenants[0].okta.scimTokens[0].id)',
    ],
    [
      'a duplicate auditor id within a tenant',
      ['- id: former-analyst', '- id: soc-analyst'],
      'tenants.yaml:32 tenants[0].audit.auditors[1].id: duplicate auditor id "soc-analyst" (also at tenants[0].audit.auditors[0].id)',
    ],
    [
      'a digest shared by two tenants',
      [`digest: ${digestToken(fixtureTokens.acme)}`, `digest: ${demoPreviousDigest}`],
      'tenants.yaml:40 tenants[1].okta.scimTokens[0].digest: this digest is already used at tenants[0].okta.scimTokens[1].digest',
    ],
    [
      'a SCIM token reused as an auditor token',
      [`tokenDigest: ${digestToken(fixtureTokens.demoAuditor)}`, `tokenDigest: ${demoPreviousDigest}`],
      'tenants.yaml:31 tenants[0].audit.auditors[0].tokenDigest: this digest is already used at tenants[0].okta.scimTokens[1].digest',
    ],
  ])('rejects %s', (_mistake, [from, to], expected) => {
    expect(rejection(edit(exampleRegistryYaml, from ?? '', to ?? ''))).toContain(expected);
  });

  it('allows the same token id in different tenants', () => {
    const yaml = edit(exampleRegistryYaml, '- id: okta-2026-12', '- id: okta-2026-11');
    expect(parseTenantRegistry(yaml, 'tenants.yaml').tenants[1]?.okta.scimTokens[0]?.id).toBe('okta-2026-11');
  });
});
