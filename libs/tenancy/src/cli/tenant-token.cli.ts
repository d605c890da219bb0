import { parseArgs } from 'node:util';
import { describeError } from '../error.format';
import { TenantRegistryError } from '../registry/tenant-registry.exception';
import { loadTenantRegistry } from '../registry/tenant-registry.loader';
import { CREDENTIAL_ID_PATTERN, TENANT_ID_PATTERN, type TenantConfig } from '../registry/tenant.schema';
import { digestToken, generateToken } from '../tokens/token.digest';

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  readStdin(): Promise<string>;
  env: Record<string, string | undefined>;
}

const USAGE = `usage:
  npm run tokens -- generate --tenant <tenant id> [--id <token id>] [--kind scim|auditor]
  npm run tokens -- generate --kind platform-auditor --id <auditor id>
  npm run tokens -- digest < token.txt
  npm run tokens -- check [--file tenants.yaml]   (defaults to $TENANTS_FILE)`;

const KINDS = ['scim', 'auditor', 'platform-auditor'] as const;
type TokenKind = (typeof KINDS)[number];

class UsageError extends Error {}

/** Runs one CLI command and returns its exit code: 0 done, 1 failed, 2 bad arguments. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        tenant: { type: 'string' },
        id: { type: 'string' },
        kind: { type: 'string' },
        file: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    if (values.help === true) {
      io.out(USAGE);
      return 0;
    }
    const [command, ...extra] = positionals;
    if (extra.length > 0) {
      throw new UsageError(`unexpected argument ${extra.join(' ')}`);
    }
    switch (command) {
      case 'generate':
        return runGenerate(io, parseKind(values.kind), values.tenant, values.id);
      case 'digest':
        return await runDigest(io);
      case 'check':
        return runCheck(io, values.file ?? io.env.TENANTS_FILE);
      default:
        throw new UsageError(command === undefined ? 'missing command' : `unknown command ${command}`);
    }
  } catch (error) {
    // parseArgs reports unknown or malformed options with a TypeError carrying an ERR_PARSE_ARGS_* code.
    if (error instanceof UsageError || String((error as { code?: unknown }).code).startsWith('ERR_PARSE_ARGS')) {
      io.err(`${describeError(error)}\n\n${USAGE}`);
      return 2;
    }
    throw error;
  }
}

function parseKind(kind: string | undefined): TokenKind {
  const found = KINDS.find((known) => known === (kind ?? 'scim'));
  if (found === undefined) {
    throw new UsageError(`--kind must be one of ${KINDS.join(', ')}`);
  }
  return found;
}

function runGenerate(io: CliIo, kind: TokenKind, tenantId: string | undefined, id: string | undefined): number {
  if (kind !== 'platform-auditor' && (tenantId === undefined || !TENANT_ID_PATTERN.test(tenantId))) {
    throw new UsageError('--tenant <tenant id> is required (lowercase letters, digits and "-")');
  }
  if (kind === 'platform-auditor' && tenantId !== undefined) {
    throw new UsageError('a platform auditor belongs to no tenant: drop --tenant, or use --kind auditor');
  }
  const tokenId = id ?? (kind === 'scim' ? `okta-${new Date().toISOString().slice(0, 7)}` : undefined);
  if (tokenId === undefined || !CREDENTIAL_ID_PATTERN.test(tokenId)) {
    throw new UsageError('--id <id> is required for auditors and may hold letters, digits, ".", "_" and "-"');
  }
  const token = generateToken();
  const digest = digestToken(token);
  const owner = tenantId === undefined ? 'the platform' : `tenant ${tenantId}`;
  io.out(
    [
      `New ${kind} token "${tokenId}" for ${owner}:`,
      '',
      `  ${token}`,
      '',
      'This is the only time the token is shown. It is not stored anywhere: the registry keeps only its digest.',
      kind === 'scim'
        ? "Paste it now into the Okta app's API Token field (Provisioning > Integration)."
        : 'Hand it to the auditor now over a secure channel.',
      '',
      registrySnippet(kind, tenantId, tokenId, digest),
    ].join('\n'),
  );
  return 0;
}

function registrySnippet(kind: TokenKind, tenantId: string | undefined, tokenId: string, digest: string): string {
  switch (kind) {
    case 'scim':
      return [
        `Add it to the tenant registry under tenant ${tenantId ?? ''} > okta > scimTokens:`,
        '',
        `        - id: ${tokenId}`,
        `          digest: ${digest}`,
        '',
        'Two tokens may be active at once; once Okta uses the new one, mark the old one `revoked: true`.',
      ].join('\n');
    case 'auditor':
      return [
        `Add it to the tenant registry under tenant ${tenantId ?? ''} > audit > auditors:`,
        '',
        `        - id: ${tokenId}`,
        `          tokenDigest: ${digest}`,
      ].join('\n');
    case 'platform-auditor':
      return ['Add it to the tenant registry under platformAuditors:', '', `  - id: ${tokenId}`, `    tokenDigest: ${digest}`].join(
        '\n',
      );
  }
}

async function runDigest(io: CliIo): Promise<number> {
  // Shells add a trailing newline to piped input; it is never part of a token.
  const token = (await io.readStdin()).trim();
  if (token === '') {
    io.err('no token on stdin: pipe the token in, e.g. `npm run tokens -- digest < token.txt`');
    return 1;
  }
  io.out(digestToken(token));
  return 0;
}

function runCheck(io: CliIo, file: string | undefined): number {
  if (file === undefined) {
    throw new UsageError('--file <path> is required when TENANTS_FILE is not set');
  }
  try {
    const registry = loadTenantRegistry(file);
    io.out([`${file} is valid: ${registry.tenants.length} tenant(s)`, ...registry.tenants.map(describeTenant)].join('\n'));
    if (registry.platformAuditors.length > 0) {
      io.out(`platform auditors: ${registry.platformAuditors.map((auditor) => auditor.id).join(', ')}`);
    }
    return 0;
  } catch (error) {
    if (error instanceof TenantRegistryError) {
      io.err(error.message);
      return 1;
    }
    throw error;
  }
}

function describeTenant(tenant: TenantConfig): string {
  const active = tenant.okta.scimTokens.filter((token) => !token.revoked).map((token) => token.id);
  const tokens = active.length > 0 ? `active SCIM tokens ${active.join(', ')}` : 'no active SCIM token (accepts nothing)';
  return `  ${tenant.id} (${tenant.name}): ${tokens}; Zoom ${tenant.zoom.baseUrl} via ${tenant.zoom.auth.type}`;
}

function readProcessStdin(): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    process.stdin.on('data', (chunk: Buffer) => chunks.push(chunk));
    process.stdin.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    process.stdin.on('error', reject);
  });
}

if (require.main === module) {
  const io: CliIo = {
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
    readStdin: readProcessStdin,
    env: process.env,
  };
  main(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
