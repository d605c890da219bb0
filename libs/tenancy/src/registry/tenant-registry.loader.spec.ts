import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exampleRegistryYaml, fixtureTokens } from '../testing/tenant-registry.fixture';
import { digestToken } from '../tokens/token.digest';
import { TenantRegistryError } from './tenant-registry.exception';
import { loadTenantRegistry, parseTenantRegistry } from './tenant-registry.loader';

function registryError(text: string): TenantRegistryError {
  try {
    parseTenantRegistry(text, 'tenants.yaml');
  } catch (error) {
    if (error instanceof TenantRegistryError) {
      return error;
    }
    throw error;
  }
  throw new Error('expected the registry to be rejected');
}

const edit = (from: string, to: string) => (yaml: string) => {
  if (!yaml.includes(from)) {
    throw new Error(`fixture does not contain ${from}`);
  }
  return yaml.replace(from, to);
};

describe('parseTenantRegistry', () => {
  it('accepts the documented example and fills in the defaults', () => {
    const registry = parseTenantRegistry(exampleRegistryYaml, 'tenants.yaml');

    expect(registry.tenants.map((tenant) => tenant.id)).toEqual(['demo', 'acme']);
    expect(registry.platformAuditors).toEqual([
      { id: 'soc-platform', tokenDigest: digestToken(fixtureTokens.platformAuditor), revoked: false },
    ]);
    const acme = registry.tenants[1];
    expect(acme).toMatchObject({
      okta: {
        scimTokens: [{ id: 'okta-2026-12', revoked: false }],
        inboundRateLimit: { requestsPerSecond: 100, burst: 200 },
      },
      zoom: {
        baseUrl: 'https://api.zoom.us/scim2',
        auth: {
          type: 'oauth',
          tokenUrl: 'https://zoom.us/oauth/token',
          accountId: 'acme-zoom-account',
          clientId: { env: 'ACME_ZOOM_CLIENT_ID' },
          clientSecret: { file: '/var/run/secrets/acme/zoom-client-secret' },
        },
        rateLimit: { lightPerSecond: 10, mediumPerSecond: 5, dailyLimit: null },
      },
      provisioning: { createUsers: true, updateUserAttributes: true, deactivateUsers: true },
      mappings: [],
      groupPush: { rules: [] },
      audit: { retentionDays: 400, auditors: [] },
    });
  });

  it('keeps mapping and group-push entries as loose objects for their services to validate', () => {
    const registry = parseTenantRegistry(
      edit('mappings: []', 'mappings: [{ target: title, from: user.title }]')(
        edit('groupPush: { rules: [] }', 'groupPush: { rules: [{ match: "Zoom *" }] }')(exampleRegistryYaml),
      ),
      'tenants.yaml',
    );
    expect(registry.tenants[0]?.mappings).toEqual([{ target: 'title', from: 'user.title' }]);
    expect(registry.tenants[0]?.groupPush.rules).toEqual([{ match: 'Zoom *' }]);
  });

  it('drops a trailing slash from the Zoom base URL so paths join cleanly', () => {
    const registry = parseTenantRegistry(
      edit('baseUrl: https://api.zoom.us/scim2', 'baseUrl: http://localhost:4010/scim2/')(exampleRegistryYaml),
      'tenants.yaml',
    );
    expect(registry.tenants[0]?.zoom.baseUrl).toBe('http://localhost:4010/scim2');
  });

  it.each([
    ['an unknown auth type', edit('type: bearer', 'type: basic'), 'tenants.yaml:21 tenants[0].zoom.auth.type: expected "bearer" or "oauth"'],
    ['a typo in a key', edit('baseUrl:', 'baseURL:'), 'tenants.yaml:18 tenants[0].zoom.baseURL: unknown key (allowed here: baseUrl, accountId, auth, rateLimit)'],
    ['a malformed digest', edit(`digest: ${digestToken(fixtureTokens.demoPrevious)}`, 'digest: sha256:abc'), 'tenants.yaml:12 tenants[0].okta.scimTokens[1].digest: expected "sha256:" and 64 lowercase hex digits'],
    ['a missing required field', edit('    name: Acme Corp\n', ''), 'tenants.yaml:35 tenants[1].name: is required'],
    ['a tenant id with capitals', edit('id: acme', 'id: Acme'), 'tenants.yaml:35 tenants[1].id: expected 2 to 63 lowercase letters'],
    ['a string where a boolean belongs', edit('revoked: true', 'revoked: "yes"'), 'tenants.yaml:15 tenants[0].okta.scimTokens[2].revoked: expected true or false, got string "yes"'],
    ['a zero rate', edit('lightPerSecond: 10', 'lightPerSecond: 0'), 'tenants.yaml:23 tenants[0].zoom.rateLimit.lightPerSecond: must be greater than 0'],
    ['a fractional daily limit', edit('dailyLimit: null', 'dailyLimit: 1.5'), 'tenants.yaml:23 tenants[0].zoom.rateLimit.dailyLimit: expected a whole number'],
    ['a negative retention', edit('retentionDays: 400', 'retentionDays: -1'), 'tenants.yaml:28 tenants[0].audit.retentionDays: must be greater than 0'],
    ['a base URL without a scheme', edit('baseUrl: https://api.zoom.us/scim2', 'baseUrl: api.zoom.us'), 'tenants.yaml:18 tenants[0].zoom.baseUrl: expected an http(s) URL'],
    ['an environment variable name with a dash', edit('{ env: ACME_ZOOM_CLIENT_ID }', '{ env: acme-id }'), 'tenants.yaml:45 tenants[1].zoom.auth.clientId.env: expected an environment variable name'],
    ['a relative secret file', edit('{ file: /var/run/secrets/acme/zoom-client-secret }', '{ file: secret.txt }'), 'tenants.yaml:46 tenants[1].zoom.auth.clientSecret.file: expected an absolute path'],
    ['a reference naming both env and file', edit('{ env: ACME_ZOOM_CLIENT_ID }', '{ env: A, file: /a }'), 'tenants.yaml:45 tenants[1].zoom.auth.clientId: expected exactly one of { env: VARIABLE_NAME } or { file: /path/to/secret }'],
    ['a list entry that is not a mapping', edit('tenants:\n', 'tenants:\n  - 3\n'), 'tenants.yaml:5 tenants[0]: expected a mapping, got number 3'],
    ['an empty tenant list', () => 'tenants: []\n', 'tenants.yaml:1 tenants: declare at least one tenant'],
    ['an empty file', () => '', 'tenants.yaml is empty'],
    ['broken YAML', edit('    name: Demo Org', '    name: [Demo Org'), 'tenants.yaml:7 is not valid YAML'],
    ['two YAML documents', (yaml: string) => `${yaml}---\ntenants: []\n`, 'is not valid YAML: Source contains multiple documents'],
    ['a duplicated YAML key', edit('    name: Demo Org', '    name: Demo Org\n    name: Demo'), 'tenants.yaml:7 is not valid YAML: Map keys must be unique'],
  ])('rejects %s, naming the line and the field', (_mistake, mutate, expected) => {
    expect(registryError(mutate(exampleRegistryYaml)).message).toContain(expected);
  });

  it.each([
    ['a bearer token', 'token: { env: DEMO_ZOOM_TOKEN }', 'token: zoom-static-secret-value', 'tenants[0].zoom.auth.token'],
    ['an OAuth client secret', 'clientSecret: { file: /var/run/secrets/acme/zoom-client-secret }', 'clientSecret: "s3cr3t-client-secret"', 'tenants[1].zoom.auth.clientSecret'],
    ['an OAuth client id given as a number', 'clientId: { env: ACME_ZOOM_CLIENT_ID }', 'clientId: 1234567890', 'tenants[1].zoom.auth.clientId'],
  ])('rejects %s written into the file and says to use env or file, without echoing it', (_secret, from, to, field) => {
    const error = registryError(edit(from, to)(exampleRegistryYaml));
    expect(error.message).toContain(`${field}: secrets never go in the tenant registry: reference one with { env: VARIABLE_NAME } or { file: /path/to/secret }`);
    expect(error.message).not.toContain(to.split(': ')[1]?.replace(/"/g, ''));
  });

  it('does not echo a long value, such as a token pasted into the wrong field', () => {
    const error = registryError(edit('revoked: true', `revoked: ${fixtureTokens.demoRevoked}`)(exampleRegistryYaml));
    expect(error.message).toContain('got a string of');
    expect(error.message).not.toContain(fixtureTokens.demoRevoked);
  });

  it('lists every problem, one per line in file order, with structured issues for callers', () => {
    const error = registryError(edit('type: bearer', 'type: basic')(edit('baseUrl:', 'baseURL:')(exampleRegistryYaml)));
    expect(error.message.split('\n')).toHaveLength(2);
    expect(error.issues).toEqual([
      { path: 'tenants[0].zoom.baseURL', line: 18, message: expect.stringContaining('unknown key') },
      { path: 'tenants[0].zoom.auth.type', line: 21, message: 'expected "bearer" or "oauth"' },
    ]);
    expect(error.source).toBe('tenants.yaml');
  });
});

describe('loadTenantRegistry', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tenancy-loader-'));

  it('reads and validates a registry file', () => {
    const file = join(dir, 'tenants.yaml');
    writeFileSync(file, exampleRegistryYaml);
    expect(loadTenantRegistry(file).tenants).toHaveLength(2);
  });

  it('names the file in the error when it is invalid', () => {
    const file = join(dir, 'broken.yaml');
    writeFileSync(file, edit('type: bearer', 'type: basic')(exampleRegistryYaml));
    expect(() => loadTenantRegistry(file)).toThrow(`${file}:21 tenants[0].zoom.auth.type: expected "bearer" or "oauth"`);
  });

  it('says the file cannot be read when it does not exist', () => {
    const file = join(dir, 'missing.yaml');
    expect(() => loadTenantRegistry(file)).toThrow(TenantRegistryError);
    expect(() => loadTenantRegistry(file)).toThrow(`${file} cannot read the tenant registry (ENOENT: no such file or directory)`);
  });
});
