import { z } from 'zod';

/** Failures to inject into one account's SCIM calls (`PUT /_control/accounts/:id/faults`). */
export const faultsSchema = z.strictObject({
  /** The share of calls, 0 to 1, that fail with `errorStatus` instead of being handled. */
  errorRate: z.number().min(0).max(1).default(0),
  errorStatus: z.union([z.literal(500), z.literal(502), z.literal(503)]).default(500),
  /** Added to every call that gets past the rate limits; writes to one user overlap for this long. */
  latencyMs: z.number().int().min(0).max(120_000).default(0),
  /**
   * Held after a call was handled and before its answer goes out: Zoom has made the change but
   * the caller hears of it late (or never, if it gives up or dies meanwhile), as with a slow or
   * lost answer on the way back.
   */
  answerDelayMs: z.number().int().min(0).max(120_000).default(0),
  /** Every call, including the OAuth token endpoint, answers 503. */
  outage: z.boolean().default(false),
  /** Every SCIM call answers the per-second 429 with `Retry-After: 1`. */
  throttleToZero: z.boolean().default(false),
  /** OAuth tokens issued so far stop working, and the static token answers 401 while this is set. */
  revokeTokens: z.boolean().default(false),
  /** Tokens lack scim2:admin while this is set: every SCIM call answers 403. */
  missingScope: z.boolean().default(false),
  /** Seeds the error-rate draws so a run can be repeated exactly. */
  seed: z.number().int().optional(),
});

export type Faults = z.output<typeof faultsSchema>;
export type FaultsInput = z.input<typeof faultsSchema>;
