import { z } from 'zod';
import { fetchLingerEnv, parseServiceEnv, serviceEnvSchema } from '@bridge/observability';

export const mappingEnvSchema = serviceEnvSchema.extend({
  PORT: z.coerce.number().int().min(0).max(65535).default(8081),
  KAFKA_GROUP_ID: z.string().min(1).default('mapping'),
  KAFKA_FETCH_LINGER_MS: fetchLingerEnv(100),
});

export type MappingConfig = z.infer<typeof mappingEnvSchema>;

export function loadMappingConfig(env: NodeJS.ProcessEnv = process.env): MappingConfig {
  return parseServiceEnv(mappingEnvSchema, env, 'mapping');
}
