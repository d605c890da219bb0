import { z } from 'zod';
import { DIGEST_PATTERN } from '../tokens/token.digest';
import { secretRefSchema } from './secret-ref.schema';

export const DEFAULT_ZOOM_BASE_URL = 'https://api.zoom.us/scim2';
export const DEFAULT_ZOOM_TOKEN_URL = 'https://zoom.us/oauth/token';

export const TENANT_ID_PATTERN = /^[a-z0-9][a-z0-9-]{1,62}$/;
/** Token and auditor ids end up in log lines and audit rows, so they stay plain. */
export const CREDENTIAL_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export const tenantIdSchema = z
  .string()
  .regex(TENANT_ID_PATTERN, 'expected 2 to 63 lowercase letters, digits or "-", starting with a letter or digit');

const credentialIdSchema = z
  .string()
  .regex(CREDENTIAL_ID_PATTERN, 'expected up to 64 letters, digits, ".", "_" or "-", starting with a letter or digit');

const digestSchema = z
  .string()
  .regex(DIGEST_PATTERN, 'expected "sha256:" and 64 lowercase hex digits, as printed by `npm run tokens -- generate`');

// Clients join paths onto the base URL, so a trailing slash would double up.
const httpUrlSchema = z
  .url({ protocol: /^https?$/, error: 'expected an http(s) URL such as https://api.zoom.us/scim2' })
  .transform((url) => url.replace(/\/+$/, ''));

export const scimTokenSchema = z.strictObject({
  id: credentialIdSchema,
  digest: digestSchema,
  revoked: z.boolean().default(false),
});

export const auditorSchema = z.strictObject({
  id: credentialIdSchema,
  tokenDigest: digestSchema,
  revoked: z.boolean().default(false),
});

const oktaSchema = z.strictObject({
  scimTokens: z.array(scimTokenSchema).default([]),
  inboundRateLimit: z
    .strictObject({
      requestsPerSecond: z.number().positive().default(100),
      burst: z.number().int().positive().default(200),
    })
    .prefault({}),
});

const bearerAuthSchema = z.strictObject({
  type: z.literal('bearer'),
  token: secretRefSchema,
});

const oauthAuthSchema = z.strictObject({
  type: z.literal('oauth'),
  tokenUrl: httpUrlSchema.default(DEFAULT_ZOOM_TOKEN_URL),
  accountId: z.string().min(1),
  clientId: secretRefSchema,
  clientSecret: secretRefSchema,
});

export const zoomAuthSchema = z.discriminatedUnion('type', [bearerAuthSchema, oauthAuthSchema], {
  error: (issue) => (issue.code === 'invalid_union' ? 'expected "bearer" or "oauth"' : undefined),
});

// Zoom's real per-account ceiling is uncertain (see the Zoom reference), so the defaults start low.
const zoomRateLimitSchema = z
  .strictObject({
    lightPerSecond: z.number().positive().default(10),
    mediumPerSecond: z.number().positive().default(5),
    dailyLimit: z.number().int().positive().nullable().default(null),
  })
  .prefault({});

const zoomSchema = z.strictObject({
  baseUrl: httpUrlSchema.default(DEFAULT_ZOOM_BASE_URL),
  accountId: z.string().min(1).optional(),
  auth: zoomAuthSchema,
  rateLimit: zoomRateLimitSchema,
});

const provisioningSchema = z
  .strictObject({
    createUsers: z.boolean().default(true),
    updateUserAttributes: z.boolean().default(true),
    deactivateUsers: z.boolean().default(true),
  })
  .prefault({});

// Mappings and push rules are validated by the services that own them; here they only need to be objects.
const looseRuleListSchema = z.array(z.looseObject({})).default([]);

const auditSchema = z
  .strictObject({
    retentionDays: z.number().int().positive().default(400),
    auditors: z.array(auditorSchema).default([]),
  })
  .prefault({});

export const tenantSchema = z.strictObject({
  id: tenantIdSchema,
  name: z.string().trim().min(1),
  okta: oktaSchema,
  zoom: zoomSchema,
  provisioning: provisioningSchema,
  mappings: looseRuleListSchema,
  groupPush: z.strictObject({ rules: looseRuleListSchema }).prefault({}),
  audit: auditSchema,
});

export type TenantConfig = z.infer<typeof tenantSchema>;
export type ScimTokenConfig = z.infer<typeof scimTokenSchema>;
export type AuditorConfig = z.infer<typeof auditorSchema>;
export type OktaConfig = TenantConfig['okta'];
export type InboundRateLimit = OktaConfig['inboundRateLimit'];
export type ZoomConfig = TenantConfig['zoom'];
export type ZoomAuthConfig = z.infer<typeof zoomAuthSchema>;
export type ZoomBearerAuth = z.infer<typeof bearerAuthSchema>;
export type ZoomOAuthAuth = z.infer<typeof oauthAuthSchema>;
export type ZoomRateLimit = ZoomConfig['rateLimit'];
export type ProvisioningSwitches = TenantConfig['provisioning'];
export type MappingRuleInput = TenantConfig['mappings'][number];
export type GroupPushRuleInput = TenantConfig['groupPush']['rules'][number];
export type TenantAuditConfig = TenantConfig['audit'];
