import { z } from 'zod';
import { parseServiceEnv, serviceEnvSchema } from '@bridge/observability';

export const oktaIngestEnvSchema = serviceEnvSchema.extend({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  /** Okta's requests are small; this bounds what one request may make the service parse. */
  SCIM_MAX_BODY_BYTES: z.coerce.number().int().positive().default(1_048_576),
  OUTBOX_POLL_MS: z.coerce.number().int().positive().default(500),
  OUTBOX_BATCH_SIZE: z.coerce.number().int().positive().default(500),
  PUBLIC_BASE_URL: z.url().optional(),
  /** Each SCIM write holds a connection for its transaction; Okta's 50-connection bursts need more than the default. */
  DATABASE_POOL_SIZE: z.coerce.number().int().positive().default(20),
});

export type OktaIngestConfig = z.infer<typeof oktaIngestEnvSchema>;

export const OKTA_INGEST_CONFIG = Symbol('OKTA_INGEST_CONFIG');

export function loadOktaIngestConfig(env: NodeJS.ProcessEnv = process.env): OktaIngestConfig {
  return parseServiceEnv(oktaIngestEnvSchema, env, 'okta-ingest');
}
