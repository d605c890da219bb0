import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { digestToken, generateToken } from '@bridge/tenancy';
import { startGroupsAtEnd } from './consumer-groups';
import { SERVICES, spawnService, stopService, waitUntilReady, type RunningService, type ServiceName } from './service-process';

export interface LocalStackOptions {
  /** The repository root (where dist/ is). */
  root: string;
  /** Where the registry and the logs go. */
  runDir: string;
  tenantId?: string;
  databaseUrl?: string;
  kafkaBrokers?: string;
  /** okta-ingest gets this port, and the others the next ones; zoom-sim gets `basePort + 10`. */
  basePort?: number;
  /** Appended to every consumer group, so a test stack does not share offsets with another. */
  groupSuffix?: string;
  /** Start the (suffixed) consumer groups at the end of every topic: see `startGroupsAtEnd`. */
  skipEarlierTraffic?: boolean;
  readyTimeoutMs?: number;
  logFormat?: 'json' | 'pretty';
  /** The tenant's inbound SCIM limit (requests/s, also the burst); the registry default when absent. */
  inboundRequestsPerSecond?: number;
  /**
   * Added to the niceness of every service not in `prioritized`, so that on a machine they all
   * share, the prioritized ones run first and the others catch up through Kafka. By default
   * okta-ingest answers Okta first, and the consumers (and zoom-sim, which stands for a remote
   * Zoom) wait: the local stand-in for giving okta-ingest the larger CPU request in Kubernetes.
   * Default `CONSUMER_NICENESS`; 0 runs everything alike.
   */
  consumerNiceness?: number;
  /** The services that keep the normal CPU priority; default okta-ingest alone. */
  prioritized?: readonly ServiceName[];
}

/** How much lower the other services' CPU priority is than the prioritized ones' on a shared machine. */
export const CONSUMER_NICENESS = 10;

export interface LocalStack {
  tenantId: string;
  scimBaseUrl: string;
  scimToken: string;
  auditorToken: string;
  zoomSimUrl: string;
  zoomAccountId: string;
  urls: Record<ServiceName, string>;
  services: RunningService[];
  stop(): Promise<void>;
}

const ZOOM_SIM_TOKEN = 'zoom-sim-demo-token';
const PORT_OFFSETS: Record<ServiceName, number> = {
  'okta-ingest': 0,
  mapping: 1,
  'zoom-writer': 2,
  'group-push': 3,
  audit: 4,
  'zoom-sim': 10,
};

/**
 * Starts zoom-sim and the five services as separate processes against real Kafka and
 * PostgreSQL, on one tenant whose SCIM and auditor tokens are made fresh (never stored).
 */
export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const tenantId = options.tenantId ?? 'demo';
  const basePort = options.basePort ?? 8080;
  const logDir = path.join(options.runDir, 'logs');
  mkdirSync(logDir, { recursive: true });

  const scimToken = generateToken();
  const auditorToken = generateToken();
  const port = (name: ServiceName): number => basePort + PORT_OFFSETS[name];
  const zoomSimUrl = `http://127.0.0.1:${port('zoom-sim')}`;
  const registryFile = path.join(options.runDir, 'tenants.yaml');
  writeFileSync(
    registryFile,
    demoRegistry(tenantId, digestToken(scimToken), digestToken(auditorToken), `${zoomSimUrl}/scim2`, options.inboundRequestsPerSecond),
  );

  const kafkaBrokers = options.kafkaBrokers ?? process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092';
  const groupId = (name: ServiceName): string | undefined => (options.groupSuffix === undefined ? undefined : `${name}-${options.groupSuffix}`);
  if (options.skipEarlierTraffic === true) {
    const groups = SERVICES.map(groupId).filter((id): id is string => id !== undefined);
    await startGroupsAtEnd(kafkaBrokers.split(','), groups);
  }
  const env: NodeJS.ProcessEnv = {
    TENANTS_FILE: registryFile,
    AUDIT_CHECKPOINT_KEY_FILE: checkpointKeyFile(options.runDir),
    DATABASE_URL: options.databaseUrl ?? 'postgres://postgres@127.0.0.1:5432/okta_zoom_bridge',
    KAFKA_BROKERS: kafkaBrokers,
    LOG_FORMAT: options.logFormat ?? 'json',
    DEMO_ZOOM_TOKEN: ZOOM_SIM_TOKEN,
    ZOOM_SIM_TOKEN,
    NODE_ENV: 'production',
  };
  const services: RunningService[] = [];
  const stop = async (): Promise<void> => {
    await Promise.all([...services].reverse().map((service) => stopService(service)));
  };
  try {
    for (const name of SERVICES) {
      const group = groupId(name);
      const groupEnv = group === undefined ? {} : { KAFKA_GROUP_ID: group };
      const niceness = (options.prioritized ?? ['okta-ingest']).includes(name) ? 0 : (options.consumerNiceness ?? CONSUMER_NICENESS);
      services.push(spawnService(options.root, name, port(name), { ...env, ...groupEnv }, logDir, niceness));
    }
    await Promise.all(
      services.map((service) => waitUntilReady(`http://127.0.0.1:${service.port}/health/ready`, service, options.readyTimeoutMs ?? 90_000)),
    );
  } catch (error) {
    await stop();
    throw error;
  }
  const urls = Object.fromEntries(SERVICES.map((name) => [name, `http://127.0.0.1:${port(name)}`])) as Record<ServiceName, string>;
  return {
    tenantId,
    scimBaseUrl: `${urls['okta-ingest']}/scim/v2`,
    scimToken,
    auditorToken,
    zoomSimUrl,
    zoomAccountId: 'demo-account',
    urls,
    services,
    stop,
  };
}

/** The audit checkpoint key of this run folder: kept, so checkpoints of earlier runs still verify. */
function checkpointKeyFile(runDir: string): string {
  const file = path.join(runDir, 'audit-checkpoint.key');
  if (!existsSync(file)) {
    writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
  }
  return file;
}

function demoRegistry(tenantId: string, scimDigest: string, auditorDigest: string, zoomBaseUrl: string, inboundPerSecond?: number): string {
  const inbound = inboundPerSecond === undefined ? '' : `      inboundRateLimit: { requestsPerSecond: ${inboundPerSecond}, burst: ${inboundPerSecond} }\n`;
  return `# Written by the local stack: a demo tenant whose tokens were generated for this run.
tenants:
  - id: ${tenantId}
    name: Demo Org
    okta:
      scimTokens:
        - id: demo-okta
          digest: ${scimDigest}
${inbound}    zoom:
      baseUrl: ${zoomBaseUrl}
      accountId: demo-account
      auth:
        type: bearer
        token: { env: DEMO_ZOOM_TOKEN }
      rateLimit: { lightPerSecond: 80, mediumPerSecond: 60 }
    provisioning: { createUsers: true, updateUserAttributes: true, deactivateUsers: true }
    audit:
      auditors:
        - id: demo-auditor
          tokenDigest: ${auditorDigest}
`;
}
