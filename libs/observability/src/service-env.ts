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
