import { z } from 'zod';

/** Settings every service shares; each app extends this schema with its own (logging: `loggerOptionsFromEnv`). */
export const serviceEnvSchema = z.object({
  KAFKA_BROKERS: z
    .string()
    .default('127.0.0.1:9092')
    .transform((value) => value.split(',').map((broker) => broker.trim()).filter(Boolean)),
  KAFKA_REPLICATION_FACTOR: z.coerce.number().int().min(1).default(1),
  DATABASE_URL: z.url().default('postgres://postgres@127.0.0.1:5432/okta_zoom_bridge'),
  TENANTS_FILE: z.string({ error: 'required: the path of the tenant registry (YAML)' }).min(1),
});

/**
 * `KAFKA_FETCH_LINGER_MS` of a batch consumer: after a fetch that brought only a few messages, how
 * long after it arrived the next fetch waits (see FetchLinger in @bridge/kafka). Longer gathers
 * bigger batches (fewer fetches, statements and commits per message) at the cost of up to that
 * much latency per hop under a steady stream; a lone change is never held.
 */
export function fetchLingerEnv(defaultMs: number) {
  return z.coerce.number().int().min(0).max(5000).default(defaultMs);
}

export class ConfigError extends Error {}

/** Validates the environment once, at start-up, with one readable error naming every bad variable. */
export function parseServiceEnv<T extends z.ZodType>(schema: T, env: NodeJS.ProcessEnv, service: string): z.infer<T> {
  const result = schema.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`).join('\n');
    throw new ConfigError(`${service}: invalid configuration\n${problems}`);
  }
  return result.data;
}
