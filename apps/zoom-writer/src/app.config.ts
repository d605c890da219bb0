import { z } from 'zod';
import { fetchLingerEnv, parseServiceEnv, serviceEnvSchema } from '@bridge/observability';

export const zoomWriterEnvSchema = serviceEnvSchema.extend({
  PORT: z.coerce.number().int().min(0).max(65535).default(8082),
  KAFKA_GROUP_ID: z.string().min(1).default('zoom-writer'),
  KAFKA_FETCH_LINGER_MS: fetchLingerEnv(100),
  ZOOM_REQUEST_TIMEOUT_MS: z.coerce.number().int().positive().default(15_000),
  /** Zoom calls one tenant may have under way at once (the rate budget paces them). */
  LANE_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(40),
  /** Backoff of commands (and of the whole lane) after Zoom 5xx or network errors, with jitter. */
  ZOOM_RETRY_INITIAL_MS: z.coerce.number().int().positive().default(500),
  ZOOM_RETRY_MAX_MS: z.coerce.number().int().positive().default(60_000),
  /** A lane re-reads its queue at least this often, even when nothing woke it. */
  LANE_IDLE_POLL_MS: z.coerce.number().int().positive().default(1000),
  /** First pause before probing a quarantined tenant's credentials; doubles up to 5 minutes. */
  QUARANTINE_PROBE_INITIAL_MS: z.coerce.number().int().positive().default(5000),
  /** Results waiting in the local outbox are published at least this often. */
  RESULT_OUTBOX_POLL_MS: z.coerce.number().int().positive().default(500),
  /** How long woken results wait for others to join their publish. */
  RESULT_OUTBOX_LINGER_MS: z.coerce.number().int().min(0).max(1000).default(25),
});

export type ZoomWriterConfig = z.infer<typeof zoomWriterEnvSchema>;

export const ZOOM_WRITER_CONFIG = Symbol('ZOOM_WRITER_CONFIG');

export function loadZoomWriterConfig(env: NodeJS.ProcessEnv = process.env): ZoomWriterConfig {
  return parseServiceEnv(zoomWriterEnvSchema, env, 'zoom-writer');
}
