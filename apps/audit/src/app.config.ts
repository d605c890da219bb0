import { z } from 'zod';
import { parseServiceEnv, serviceEnvSchema } from '@bridge/observability';

export const auditEnvSchema = serviceEnvSchema.extend({
  PORT: z.coerce.number().int().min(0).max(65535).default(8084),
  KAFKA_GROUP_ID: z.string().min(1).default('audit'),
});

export type AuditConfig = z.infer<typeof auditEnvSchema>;

export function loadAuditConfig(env: NodeJS.ProcessEnv = process.env): AuditConfig {
  return parseServiceEnv(auditEnvSchema, env, 'audit');
}
