import { parseTenantRegistry } from '../registry/tenant-registry.loader';
import { exampleRegistryYaml, fixtureTokens, minimalRegistryYaml } from '../testing/tenant-registry.fixture';
import { TenantDirectory, zoomBudgetKey } from './tenant.directory';

// The module object itself: spying on an `import * as` copy would not see the library's calls.
const nodeCrypto = jest.requireActual<typeof import('node:crypto')>('node:crypto');

const directory = new TenantDirectory(parseTenantRegistry(exampleRegistryYaml, 'tenants.yaml'));

describe('TenantDirectory', () => {
  it('finds tenants by id and lists them in registry order', () => {
    expect(directory.get('acme')?.name).toBe('Acme Corp');
    expect(directory.get('nobody')).toBeUndefined();
    expect(directory.list().map((tenant) => tenant.id)).toEqual(['demo', 'acme']);
  });

  describe('authenticateScimToken', () => {
    it.each([
      ['the current token of a rotation pair', fixtureTokens.demoCurrent, 'demo', 'okta-2026-11'],
      ['the previous token of a rotation pair', fixtureTokens.demoPrevious, 'demo', 'okta-2026-05'],
      ["another tenant's token", fixtureTokens.acme, 'acme', 'okta-2026-12'],
    ])('accepts %s as its tenant', (_case, token, tenantId, tokenId) => {
      const result = directory.authenticateScimToken(token);
      expect(result).toMatchObject({ ok: true, tokenId, tenant: { id: tenantId } });
    });

    it.each([
      ['no token', undefined, 'missing', 'carries no bearer token'],
      ['an empty token', '', 'empty', 'empty bearer token'],
      ['a blank token', '   ', 'empty', 'empty bearer token'],
      ['an unknown token', 'ozb_not-a-real-token', 'unknown', 'not known to the bridge'],
      ['a revoked token', fixtureTokens.demoRevoked, 'revoked', '"okta-2025-11" of tenant demo has been revoked'],
      ['an auditor token', fixtureTokens.demoAuditor, 'unknown', "auditor token for the bridge's audit API"],
    ])('rejects %s with an actionable detail', (_case, token, reason, detail) => {
      const result = directory.authenticateScimToken(token);
      expect(result).toMatchObject({ ok: false, reason });
      expect(!result.ok && result.detail).toContain(detail);
      expect(!result.ok && result.detail).toMatch(/npm run tokens -- generate --tenant/);
    });

    it('names the revoked token and its tenant for the logs', () => {
      expect(directory.authenticateScimToken(fixtureTokens.demoRevoked)).toMatchObject({
        ok: false,
        tenantId: 'demo',
        credentialId: 'okta-2025-11',
      });
    });

    it('accepts nothing for a tenant whose tokens are all revoked', () => {
      const allRevoked = minimalRegistryYaml('solo').replace('digest:', 'revoked: true, digest:');
      const solo = new TenantDirectory(parseTenantRegistry(allRevoked, 'tenants.yaml'));
      expect(solo.authenticateScimToken(fixtureTokens.demoCurrent)).toMatchObject({ ok: false, reason: 'revoked' });
      expect(solo.authenticateScimToken(fixtureTokens.acme)).toMatchObject({ ok: false, reason: 'unknown' });
    });

    it('compares the token with every digest even when the first one matches', () => {
      const compare = jest.spyOn(nodeCrypto, 'timingSafeEqual');
      directory.authenticateScimToken(fixtureTokens.platformAuditor);
      directory.authenticateScimToken(fixtureTokens.demoCurrent);
      // 1 platform auditor + 3 demo tokens + 2 demo auditors + 1 acme token, for each call.
      expect(compare).toHaveBeenCalledTimes(14);
      compare.mockRestore();
    });
  });

  describe('authenticateAuditor', () => {
    it('accepts a platform auditor with a cross-tenant scope', () => {
      expect(directory.authenticateAuditor(fixtureTokens.platformAuditor)).toEqual({
        ok: true,
        auditorId: 'soc-platform',
        scope: { kind: 'platform' },
      });
    });

    it("accepts a tenant's auditor with that tenant's scope", () => {
      expect(directory.authenticateAuditor(fixtureTokens.demoAuditor)).toEqual({
        ok: true,
        auditorId: 'soc-analyst',
        scope: { kind: 'tenant', tenantId: 'demo' },
      });
    });

    it.each([
      ['no token', undefined, 'missing', 'carries no bearer token'],
      ['an empty token', '', 'empty', 'empty bearer token'],
      ['an unknown token', 'ozb_nobody', 'unknown', 'not a known auditor token'],
      ['a SCIM token', fixtureTokens.demoCurrent, 'unknown', 'the SCIM token Okta uses'],
      ['a revoked auditor token', fixtureTokens.demoRevokedAuditor, 'revoked', '"former-analyst" has been revoked'],
    ])('rejects %s with an actionable detail', (_case, token, reason, detail) => {
      const result = directory.authenticateAuditor(token);
      expect(result).toMatchObject({ ok: false, reason });
      expect(!result.ok && result.detail).toContain(detail);
    });
  });

  describe('zoomBudgetKey', () => {
    const tenant = (yaml: string) => new TenantDirectory(parseTenantRegistry(yaml, 'tenants.yaml')).list()[0];
    const bearerTenant = (id: string, accountLine: string) =>
      tenant(minimalRegistryYaml(id).replace('    zoom:\n', `    zoom:\n${accountLine}`));

    it('shares one key between tenants naming the same Zoom account', () => {
      const first = bearerTenant('first', '      accountId: shared-account\n');
      const second = bearerTenant('second', '      accountId: shared-account\n');
      expect(directory.zoomBudgetKey(first)).toBe('zoom-account:shared-account');
      expect(zoomBudgetKey(second)).toBe(zoomBudgetKey(first));
    });

    it("falls back to the OAuth app's account id", () => {
      expect(directory.zoomBudgetKey(directory.get('acme')!)).toBe('zoom-account:acme-zoom-account');
    });

    it('gives a tenant without an account id a budget of its own', () => {
      const loner = bearerTenant('loner', '      baseUrl: http://localhost:4010/scim2\n');
      expect(zoomBudgetKey(loner)).toBe('tenant:loner@http://localhost:4010/scim2');
      expect(zoomBudgetKey(bearerTenant('other', ''))).not.toBe(zoomBudgetKey(loner));
    });
  });
});
