import { z } from 'zod';
import { ZOOM_PLANS, planLimits, type LabelLimits } from '../rate-limit/plan-limits.rules';

const DOMAIN = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/;

const accountFields = {
  id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'expected up to 64 letters, digits, ".", "_" or "-"'),
  plan: z.enum(ZOOM_PLANS).default('Business'),
  /** A static bearer token (older Zoom apps); optional when the account uses OAuth. */
  staticToken: z.string().min(8).optional(),
  oauth: z
    .strictObject({
      clientId: z.string().min(1),
      clientSecret: z.string().min(1),
      tokenLifetimeSeconds: z.number().int().positive().default(3600),
    })
    .optional(),
  /** Associated (managed) domains: users' emails must be on one of them. */
  domains: z
    .array(z.string().transform((domain) => domain.trim().toLowerCase()).pipe(z.string().regex(DOMAIN, 'expected a domain such as example.com')))
    .default([]),
  rateLimits: z
    .strictObject({ light: z.number().int().min(0).optional(), medium: z.number().int().min(0).optional() })
    .optional(),
  /** Calls per UTC day across all labels; absent means no daily cap. */
  dailyLimit: z.number().int().min(0).optional(),
  /** Answer without X-RateLimit-* and Retry-After headers, as developers report real Zoom sometimes does. */
  omitRateLimitHeaders: z.boolean().default(false),
  /** Tokens lack the scim2:admin scope, so every SCIM call is refused. */
  missingScope: z.boolean().default(false),
  defaultGroupName: z.string().min(1).default('Default'),
};

type AccountFields = z.output<z.ZodObject<typeof accountFields>>;

function resolveLimits({ rateLimits, ...config }: AccountFields): Omit<AccountFields, 'rateLimits'> & { rateLimits: LabelLimits } {
  return { ...config, rateLimits: { ...planLimits(config.plan), ...stripUndefined(rateLimits) } };
}

/** An account as the control API describes it; the per-label limits default from the plan. */
export const accountConfigSchema = z.strictObject(accountFields).transform(resolveLimits);

export type AccountConfig = z.output<typeof accountConfigSchema>;
export type AccountConfigInput = z.input<typeof accountConfigSchema>;

export const seedUserSchema = z.strictObject({
  id: z.string().min(1).optional(),
  userName: z.email().transform((email) => email.toLowerCase()),
  state: z.enum(['active', 'pending', 'foreign']).default('active'),
  role: z.enum(['Owner', 'Admin', 'Member']).default('Member'),
  active: z.boolean().default(true),
  givenName: z.string().optional(),
  familyName: z.string().optional(),
  userType: z.enum(['Basic', 'Licensed', 'On-Prem']).default('Basic'),
});

export const seedGroupSchema = z.strictObject({
  id: z.string().min(1).optional(),
  displayName: z.string().min(1),
  /** User ids or userNames of users seeded into this account. */
  members: z.array(z.string().min(1)).default([]),
  emailAlias: z.string().optional(),
});

/** Users and groups to add to an account, bypassing the SCIM rules (domains, rate limits). */
export const accountSeedSchema = z.strictObject({
  users: z.array(seedUserSchema).default([]),
  groups: z.array(seedGroupSchema).default([]),
});

export type AccountSeed = z.output<typeof accountSeedSchema>;
export type AccountSeedInput = z.input<typeof accountSeedSchema>;

/** What `ZOOM_SIM_ACCOUNTS` lists: an account's fields plus, optionally, `seed`. */
export const accountDefinitionSchema = z
  .strictObject({ ...accountFields, seed: accountSeedSchema.optional() })
  .transform(({ seed, ...fields }) => ({ account: resolveLimits(fields), seed }));

export type AccountDefinition = z.output<typeof accountDefinitionSchema>;

function stripUndefined<T extends object>(value: T | undefined): Partial<T> {
  return Object.fromEntries(Object.entries(value ?? {}).filter(([, entry]) => entry !== undefined)) as Partial<T>;
}
