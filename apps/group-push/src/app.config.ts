import { z } from 'zod';
import { fetchLingerEnv, parseServiceEnv, serviceEnvSchema } from '@bridge/observability';

export const groupPushEnvSchema = serviceEnvSchema.extend({
  PORT: z.coerce.number().int().min(0).max(65535).default(8083),
  KAFKA_GROUP_ID: z.string().min(1).default('group-push'),
  KAFKA_FETCH_LINGER_MS: fetchLingerEnv(100),
});

export type GroupPushConfig = z.infer<typeof groupPushEnvSchema>;

export function loadGroupPushConfig(env: NodeJS.ProcessEnv = process.env): GroupPushConfig {
  return parseServiceEnv(groupPushEnvSchema, env, 'group-push');
}
