import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TenantDirectory } from '../directory/tenant.directory';
import { parseTenantRegistry } from '../registry/tenant-registry.loader';
import { exampleRegistryYaml } from '../testing/tenant-registry.fixture';
import { digestToken } from '../tokens/token.digest';
import { main, type CliIo } from './tenant-token.cli';

interface Run {
  code: number;
  out: string;
  err: string;
}

async function run(argv: string[], options: { stdin?: string; env?: Record<string, string> } = {}): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    out: (text) => out.push(text),
    err: (text) => err.push(text),
    readStdin: async () => options.stdin ?? '',
    env: options.env ?? {},
  };
  const code = await main(argv, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const TOKEN = /ozb_[A-Za-z0-9_-]{43}/g;
const DIGEST = /sha256:[0-9a-f]{64}/;

describe('tenant-token CLI', () => {
  describe('generate', () => {
    it('prints a new token once, says it is not stored, and prints its digest', async () => {
      const { code, out } = await run(['generate', '--tenant', 'acme', '--id', 'okta-2026-12']);

      expect(code).toBe(0);
      const tokens = out.match(TOKEN) ?? [];
      expect(tokens).toHaveLength(1);
      expect(out.match(DIGEST)?.[0]).toBe(digestToken(tokens[0] ?? ''));
      expect(out).toContain('This is the only time the token is shown. It is not stored anywhere');
      expect(out).toContain('- id: okta-2026-12');
    });

    it('prints a snippet that, pasted into the registry, authenticates the token', async () => {
      const { out } = await run(['generate', '--tenant', 'acme', '--id', 'okta-2027-01']);
      const token = out.match(TOKEN)?.[0] ?? '';
      const snippet = out
        .split('\n')
        .filter((line) => /^\s+(- id|digest):/.test(line))
        .join('\n');

      const registry = exampleRegistryYaml.replace(/ {6}scimTokens:\n {8}- id: okta-2026-12\n.*\n/, `      scimTokens:\n${snippet}\n`);
      const directory = new TenantDirectory(parseTenantRegistry(registry, 'tenants.yaml'));

      expect(directory.authenticateScimToken(token)).toMatchObject({ ok: true, tokenId: 'okta-2027-01', tenant: { id: 'acme' } });
    });

    it('names a SCIM token after the current month by default', async () => {
      const { out } = await run(['generate', '--tenant', 'acme']);
      expect(out).toContain(`- id: okta-${new Date().toISOString().slice(0, 7)}`);
    });

    it.each([
      [['--kind', 'auditor', '--tenant', 'acme', '--id', 'soc-analyst'], 'under tenant acme > audit > auditors'],
      [['--kind', 'platform-auditor', '--id', 'soc-platform'], 'under platformAuditors'],
    ])('prints a tokenDigest entry for %j', async (args, where) => {
      const { code, out } = await run(['generate', ...args]);
      const token = out.match(TOKEN)?.[0] ?? '';
      expect(code).toBe(0);
      expect(out).toContain(where);
      expect(out).toContain(`tokenDigest: ${digestToken(token)}`);
    });
  });

  describe('digest', () => {
    it('prints the digest of the token on stdin, ignoring the trailing newline', async () => {
      expect(await run(['digest'], { stdin: 'ozb_secret\n' })).toEqual({ code: 0, out: digestToken('ozb_secret'), err: '' });
    });

    it('fails when stdin is empty', async () => {
      const { code, err } = await run(['digest'], { stdin: '\n' });
      expect(code).toBe(1);
      expect(err).toContain('no token on stdin');
    });
  });

  describe('check', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tenancy-cli-'));
    const valid = join(dir, 'tenants.yaml');
    const invalid = join(dir, 'broken.yaml');
    writeFileSync(valid, exampleRegistryYaml);
    writeFileSync(invalid, exampleRegistryYaml.replace('type: bearer', 'type: basic'));

    it('lists the tenants of a valid registry', async () => {
      const { code, out } = await run(['check', '--file', valid]);
      expect(code).toBe(0);
      expect(out).toContain(`${valid} is valid: 2 tenant(s)`);
      expect(out).toContain('demo (Demo Org): active SCIM tokens okta-2026-11, okta-2026-05; Zoom https://api.zoom.us/scim2 via bearer');
      expect(out).toContain('platform auditors: soc-platform');
    });

    it('falls back to TENANTS_FILE', async () => {
      expect((await run(['check'], { env: { TENANTS_FILE: valid } })).code).toBe(0);
    });

    it('prints the error and exits 1 for an invalid registry', async () => {
      const { code, err } = await run(['check', '--file', invalid]);
      expect(code).toBe(1);
      expect(err).toBe(`${invalid}:21 tenants[0].zoom.auth.type: expected "bearer" or "oauth"`);
    });
  });

  it('prints usage and exits 0 for --help', async () => {
    const { code, out } = await run(['--help']);
    expect(code).toBe(0);
    expect(out).toContain('usage:');
  });

  it.each([
    [[], 'missing command'],
    [['rotate'], 'unknown command rotate'],
    [['generate'], '--tenant <tenant id> is required'],
    [['generate', '--tenant', 'Not_Valid'], '--tenant <tenant id> is required'],
    [['generate', '--tenant', 'acme', '--kind', 'admin'], '--kind must be one of scim, auditor, platform-auditor'],
    [['generate', '--tenant', 'acme', '--kind', 'auditor'], '--id <id> is required for auditors'],
    [['generate', '--kind', 'platform-auditor', '--tenant', 'acme', '--id', 'x'], 'a platform auditor belongs to no tenant'],
    [['generate', '--tenant', 'acme', '--colour', 'red'], "Unknown option '--colour'"],
    [['check'], '--file <path> is required when TENANTS_FILE is not set'],
    [['check', 'extra'], 'unexpected argument extra'],
  ])('prints usage and exits 2 for %j', async (argv, message) => {
    const { code, out, err } = await run(argv);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toContain(message);
    expect(err).toContain('usage:');
  });
});
