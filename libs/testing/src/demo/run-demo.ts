import path from 'node:path';
import { OktaScimClient } from '../okta/okta-scim.client';
import { startLocalStack, type LocalStack } from '../stack/local-stack';
import { waitFor } from '../wait-for';

const out = (line = ''): boolean => process.stdout.write(`${line}\n`);

/** Provisions one user the way Okta would and shows where it went. */
async function showProvisioning(stack: LocalStack): Promise<void> {
  const okta = new OktaScimClient(stack.scimBaseUrl, stack.scimToken);
  const check = await okta.testCredentials();
  out(`Okta "Test API Credentials": GET /Users?startIndex=1&count=2 -> ${check.status}`);

  const since = new Date(Date.now() - 1000).toISOString();
  const userName = `ada.lovelace+${Date.now()}@example.com`;
  const created = await okta.assignUser({ userName, givenName: 'Ada', familyName: 'Lovelace' });
  out(`Okta assigns ${userName}: lookup, then POST /Users -> ${created.status} id=${String(created.body['id'])}`);

  const started = Date.now();
  const zoomUser = await waitFor('the user in zoom-sim', async () => {
    const state = (await (await fetch(`${stack.zoomSimUrl}/_control/accounts/${stack.zoomAccountId}/state`)).json()) as {
      users: { id: string; userName: string; active: boolean }[];
    };
    return state.users.find((user) => user.userName === userName.toLowerCase());
  }, 90_000);
  out(`Zoom (zoom-sim) has the user after ${Date.now() - started} ms: zoom id ${zoomUser.id}, active ${zoomUser.active}`);

  const correlationId = created.headers.get('x-correlation-id') ?? '';
  const events = await waitFor(
    'the audit trail',
    async () => {
      const query = new URLSearchParams({ since, filter: `transaction.id eq "${correlationId}"`, limit: '1000' });
      const response = await fetch(`${stack.urls.audit}/api/v1/audit/events?${query.toString()}`, { headers: { authorization: `Bearer ${stack.auditorToken}` } });
      const all = (await response.json()) as { eventType: string; outcome: { result: string }; transaction: { id: string }; published: string }[];
      const mine = Array.isArray(all) ? all : [];
      return mine.some((event) => event.eventType === 'zoom.user.created') ? mine : undefined;
    },
    15_000,
  );
  out('Audit trail for that Okta request (GET /api/v1/audit/events):');
  for (const event of events) {
    out(`  ${event.published}  ${event.eventType.padEnd(26)} ${event.outcome.result}`);
  }
}

async function main(): Promise<void> {
  const root = path.resolve(__dirname, '..', '..', '..', '..', '..');
  out('Starting zoom-sim and the five services on the demo tenant...');
  // The demo only shows its own traffic: what earlier runs and tests left on a local broker is skipped.
  const stack = await startLocalStack({ root, runDir: path.join(root, '.run'), logFormat: 'json', groupSuffix: 'demo', skipEarlierTraffic: true });
  let stopping = false;
  const stop = (): void => {
    if (stopping) {
      return;
    }
    stopping = true;
    out('\nStopping the services...');
    stack.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);

  try {
    await showProvisioning(stack);
  } catch (error) {
    await stack.stop();
    throw error;
  }
  out();
  out('Connect an Okta org (Zoom app or a SCIM 2.0 app integration, provisioning "Enable API integration"):');
  out(`  SCIM connector base URL: ${stack.scimBaseUrl}`);
  out(`  Authentication:          HTTP Header, Bearer token`);
  out(`  API token:               ${stack.scimToken}`);
  out(`  (shown once; the registry in .run/tenants.yaml keeps only its SHA-256 digest)`);
  out(`Audit API: ${stack.urls.audit}/api/v1/audit/events   auditor token: ${stack.auditorToken}`);
  out(`zoom-sim:  ${stack.zoomSimUrl}/_control/accounts/${stack.zoomAccountId}/state`);
  out(`Logs:      ${path.join(root, '.run', 'logs')}`);
  out('Press Ctrl-C to stop everything.');
}

main().catch((error: unknown) => {
  process.stderr.write(`demo failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
