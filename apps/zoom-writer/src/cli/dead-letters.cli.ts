/**
 * `node dist/apps/zoom-writer/src/cli/dead-letters.cli.js list|replay|replay-all …`
 *   list --tenant <id>           the tenant's dead letters that were not replayed
 *   replay --id <dead letter id> one dead letter back into its tenant's queue
 *   replay-all --tenant <id>     all of them
 * Talks to zoom-writer's operator API (`--url`, default http://127.0.0.1:8082) with a platform
 * auditor token from ZOOM_WRITER_OPERATOR_TOKEN.
 */
async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const args: Record<string, string | undefined> = {};
  for (let i = 0; i < rest.length; i += 2) {
    args[rest[i].replace(/^--/, '')] = rest[i + 1];
  }
  const base = (args['url'] ?? 'http://127.0.0.1:8082').replace(/\/+$/, '');
  const token = process.env['ZOOM_WRITER_OPERATOR_TOKEN'];
  const request = requestFor(command, args);
  if (request === undefined || token === undefined) {
    process.stderr.write('usage: dead-letters list|replay-all --tenant <id> | replay --id <id> [--url <zoom-writer>]; token in ZOOM_WRITER_OPERATOR_TOKEN\n');
    return 2;
  }
  const response = await fetch(`${base}${request.path}`, { method: request.method, headers: { authorization: `Bearer ${token}` } });
  process.stdout.write(`${JSON.stringify(await response.json(), null, 2)}\n`);
  return response.ok ? 0 : 1;
}

function requestFor(command: string | undefined, args: Record<string, string | undefined>): { method: string; path: string } | undefined {
  const tenant = args['tenant'] === undefined ? undefined : encodeURIComponent(args['tenant']);
  switch (command) {
    case 'list':
      return tenant === undefined ? undefined : { method: 'GET', path: `/api/v1/tenants/${tenant}/dead-letters` };
    case 'replay':
      return args['id'] === undefined ? undefined : { method: 'POST', path: `/api/v1/dead-letters/${encodeURIComponent(args['id'])}/replay` };
    case 'replay-all':
      return tenant === undefined ? undefined : { method: 'POST', path: `/api/v1/tenants/${tenant}/dead-letters/replay` };
    default:
      return undefined;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
