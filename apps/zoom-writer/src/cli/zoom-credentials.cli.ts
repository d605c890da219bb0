import { loadTenantRegistry } from '@bridge/tenancy';
import { CredentialsCheckService } from '../zoom-credentials/credentials-check.service';

/**
 * `node dist/apps/zoom-writer/src/cli/zoom-credentials.cli.js check --tenant <id> [--file tenants.yaml]`
 * Runs the Zoom credentials check from this machine, with the secrets the registry points at.
 * Exit code 0 when Zoom accepts the credentials, 1 when it does not, 2 on bad usage.
 */
async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  const file = args['file'] ?? process.env['TENANTS_FILE'];
  if (args['_'] !== 'check' || args['tenant'] === undefined || file === undefined) {
    process.stderr.write('usage: zoom-credentials check --tenant <id> [--file <tenants.yaml>] (or TENANTS_FILE)\n');
    return 2;
  }
  const registry = loadTenantRegistry(file);
  const tenant = registry.tenants.find((entry) => entry.id === args['tenant']);
  if (tenant === undefined) {
    process.stderr.write(`no tenant ${args['tenant']} in ${file}\n`);
    return 2;
  }
  const report = await new CredentialsCheckService().check(tenant);
  for (const step of report.steps) {
    process.stdout.write(`${step.ok ? 'ok  ' : 'FAIL'} ${step.step}: ${step.detail}\n`);
  }
  process.stdout.write(report.ok ? `Zoom accepts tenant ${tenant.id}'s credentials.\n` : `Problem: ${report.problem?.code}\n`);
  return report.ok ? 0 : 1;
}

function parseArgs(argv: string[]): Record<string, string | undefined> {
  const result: Record<string, string | undefined> = { _: argv[0] };
  for (let i = 1; i < argv.length; i += 2) {
    result[argv[i].replace(/^--/, '')] = argv[i + 1];
  }
  return result;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
