import { z } from 'zod';
import { fetchLingerEnv, parseServiceEnv, serviceEnvSchema } from '@bridge/observability';

export const auditEnvSchema = serviceEnvSchema.extend({
  PORT: z.coerce.number().int().min(0).max(65535).default(8084),
  KAFKA_GROUP_ID: z.string().min(1).default('audit'),
  KAFKA_FETCH_LINGER_MS: fetchLingerEnv(250),
  NODE_ENV: z.string().default('development'),
  /** The INSERT/SELECT-only connection; without it the service uses DATABASE_URL and `SET ROLE audit_writer`. */
  AUDIT_DATABASE_URL: z.url().optional(),
  /** HMAC key of signed checkpoints (at least 32 characters), or a file holding it. */
  AUDIT_CHECKPOINT_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
  AUDIT_CHECKPOINT_KEY_FILE: z.string().min(1).optional(),
  AUDIT_CHECKPOINT_INTERVAL_MS: z.coerce.number().int().min(1000).default(60_000),
  AUDIT_RETENTION_INTERVAL_MS: z.coerce.number().int().min(10_000).default(3_600_000),
});

export type AuditConfig = z.infer<typeof auditEnvSchema>;

export function loadAuditConfig(env: NodeJS.ProcessEnv = process.env): AuditConfig {
  return parseServiceEnv(auditEnvSchema, env, 'audit');
}
