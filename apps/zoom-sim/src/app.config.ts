import { z } from 'zod';
import { parseServiceEnv } from '@bridge/observability';
import { accountDefinitionSchema, type AccountDefinition } from './state/account-config.schema';
import { demoAccountDefinition } from './state/demo-account.config';

const accountsJsonSchema = z
  .string()
  .transform((text, context) => {
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      context.addIssue({ code: 'custom', message: `expected JSON: ${error instanceof Error ? error.message : String(error)}` });
      return z.NEVER;
    }
  })
  .pipe(z.array(accountDefinitionSchema).min(1));

/** zoom-sim's environment. It needs no Kafka, database or tenant registry, so it does not extend the shared schema. */
export const zoomSimEnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8090),
  /** The demo account's static bearer token. */
  ZOOM_SIM_TOKEN: z.string().min(8).default('zoom-sim-demo-token'),
  /** A JSON array of accounts (the control API's account fields plus an optional `seed`), replacing the demo account. */
  ZOOM_SIM_ACCOUNTS: accountsJsonSchema.optional(),
  /** How many calls each account's log keeps. */
  ZOOM_SIM_CALL_LOG_SIZE: z.coerce.number().int().positive().default(200_000),
});

export interface ZoomSimConfig {
  port: number;
  accounts: AccountDefinition[];
  callLogSize: number;
}

export function loadZoomSimConfig(env: NodeJS.ProcessEnv = process.env): ZoomSimConfig {
  const parsed = parseServiceEnv(zoomSimEnvSchema, env, 'zoom-sim');
  return {
    port: parsed.PORT,
    accounts: parsed.ZOOM_SIM_ACCOUNTS ?? [demoAccountDefinition(parsed.ZOOM_SIM_TOKEN)],
    callLogSize: parsed.ZOOM_SIM_CALL_LOG_SIZE,
  };
}
