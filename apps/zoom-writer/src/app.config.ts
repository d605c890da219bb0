import { z } from 'zod';
import { parseServiceEnv, serviceEnvSchema } from '@bridge/observability';

export const zoomWriterEnvSchema = serviceEnvSchema.extend({
  PORT: z.coerce.number().int().min(0).max(65535).default(8082),
  KAFKA_GROUP_ID: z.string().min(1).default('zoom-writer'),
  ZOOM_REQUEST_TIMEOUT_MS: z.coerce.number().int().positive().default(15_000),
});

export type ZoomWriterConfig = z.infer<typeof zoomWriterEnvSchema>;

export const ZOOM_WRITER_CONFIG = Symbol('ZOOM_WRITER_CONFIG');

export function loadZoomWriterConfig(env: NodeJS.ProcessEnv = process.env): ZoomWriterConfig {
  return parseServiceEnv(zoomWriterEnvSchema, env, 'zoom-writer');
}
