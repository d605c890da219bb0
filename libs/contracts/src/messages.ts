import { z } from 'zod';
import { Topics, type TopicName } from './topics';

/** A SCIM user as okta-ingest stores it after a change (never with a password). */
export const scimUserSnapshotSchema = z.looseObject({
  schemas: z.array(z.string()),
  id: z.string().min(1),
  userName: z.string().min(1),
  active: z.boolean(),
  externalId: z.string().optional(),
  name: z.looseObject({ givenName: z.string().optional(), familyName: z.string().optional() }).optional(),
  emails: z
    .array(z.looseObject({ value: z.string(), type: z.string().optional(), primary: z.boolean().optional() }))
    .optional(),
});
export type ScimUserSnapshot = z.infer<typeof scimUserSnapshotSchema>;

export const USER_CHANGES = ['created', 'replaced', 'patched', 'deactivated', 'reactivated', 'deleted'] as const;
export type UserChange = (typeof USER_CHANGES)[number];

export const scimUserChangedSchema = z.object({
  change: z.enum(USER_CHANGES),
  userId: z.string().min(1),
  /** Increases by one with every stored change of this user: consumers use it to drop stale work. */
  version: z.number().int().positive(),
  user: scimUserSnapshotSchema,
});
export type ScimUserChanged = z.infer<typeof scimUserChangedSchema>;

export const GROUP_CHANGES = ['created', 'renamed', 'members-added', 'members-removed', 'members-replaced', 'deleted'] as const;
export type GroupChange = (typeof GROUP_CHANGES)[number];

export const scimGroupChangedSchema = z.object({
  changes: z.array(z.enum(GROUP_CHANGES)).min(1),
  groupId: z.string().min(1),
  version: z.number().int().positive(),
  displayName: z.string(),
  added: z.array(z.string()),
  removed: z.array(z.string()),
  members: z.array(z.string()),
});
export type ScimGroupChanged = z.infer<typeof scimGroupChangedSchema>;

/** Desired Zoom state for one user: the whole state, so a newer command supersedes an older one. */
export const zoomUserCommandSchema = z.object({
  scimUserId: z.string().min(1),
  userName: z.string().min(1),
  sourceChange: z.enum(USER_CHANGES),
  sourceVersion: z.number().int().positive(),
  /** `present`: the user should exist in Zoom with `user` and `active`; `absent`: remove it. */
  desired: z.discriminatedUnion('state', [
    z.object({ state: z.literal('present'), active: z.boolean(), user: z.record(z.string(), z.unknown()) }),
    z.object({ state: z.literal('absent') }),
  ]),
});
export type ZoomUserCommand = z.infer<typeof zoomUserCommandSchema>;

export const zoomGroupCommandSchema = z.object({
  scimGroupId: z.string().min(1),
  sourceVersion: z.number().int().positive(),
  desired: z.discriminatedUnion('state', [
    z.object({ state: z.literal('present'), displayName: z.string().min(1), memberScimUserIds: z.array(z.string()) }),
    z.object({ state: z.literal('absent') }),
  ]),
});
export type ZoomGroupCommand = z.infer<typeof zoomGroupCommandSchema>;

export const ZOOM_OUTCOMES = ['succeeded', 'failed', 'dead-lettered', 'skipped'] as const;
export type ZoomOutcome = (typeof ZOOM_OUTCOMES)[number];

export const zoomCallSchema = z.object({
  method: z.string(),
  path: z.string(),
  status: z.number().int().nullable(),
  latencyMs: z.number().nonnegative(),
  rateLimit: z
    .object({
      category: z.string().optional(),
      type: z.string().optional(),
      limit: z.string().optional(),
      remaining: z.string().optional(),
      retryAfter: z.string().optional(),
    })
    .optional(),
});
export type ZoomCall = z.infer<typeof zoomCallSchema>;

export const zoomCallResultSchema = z.object({
  commandId: z.string().min(1),
  subject: z.object({
    type: z.enum(['user', 'group']),
    scimId: z.string().min(1),
    userName: z.string().optional(),
    displayName: z.string().optional(),
  }),
  operation: z.string().min(1),
  outcome: z.enum(ZOOM_OUTCOMES),
  zoomId: z.string().optional(),
  reason: z.object({ code: z.string(), message: z.string() }).optional(),
  /** Every HTTP call made to Zoom for this command, bodies left out. */
  calls: z.array(zoomCallSchema),
});
export type ZoomCallResult = z.infer<typeof zoomCallResultSchema>;

export const mappingUserRejectedSchema = z.object({
  scimUserId: z.string().min(1),
  userName: z.string(),
  sourceChange: z.enum(USER_CHANGES),
  sourceVersion: z.number().int().positive(),
  /** `rejected`: a mapping rule failed; `skipped`: a provisioning switch is off. */
  outcome: z.enum(['rejected', 'skipped']),
  rule: z.string().min(1),
  attribute: z.string().nullable(),
  value: z.string().nullable(),
  reason: z.string().min(1),
});
export type MappingUserRejected = z.infer<typeof mappingUserRejectedSchema>;

export const ingestRequestLoggedSchema = z.object({
  method: z.string(),
  path: z.string(),
  status: z.number().int(),
  latencyMs: z.number().nonnegative(),
  tokenId: z.string().nullable(),
  sourceAddress: z.string().nullable(),
  userAgent: z.string().nullable(),
  resourceType: z.enum(['User', 'Group', 'Other']),
  resourceId: z.string().nullable(),
  scimType: z.string().nullable(),
  detail: z.string().nullable(),
});
export type IngestRequestLogged = z.infer<typeof ingestRequestLoggedSchema>;

export const deadLetterSchema = z.object({
  originalTopic: z.string(),
  partition: z.number().int(),
  offset: z.string(),
  key: z.string().nullable(),
  originalMessageId: z.string().nullable(),
  consumerGroup: z.string(),
  reason: z.object({ code: z.string(), message: z.string() }),
  attempts: z.number().int().positive(),
  /** The original message value, as received (truncated past 256 KiB). */
  originalValue: z.string(),
});
export type DeadLetter = z.infer<typeof deadLetterSchema>;

/** Per topic: the message `type`, its schema version and the schema of `data`. */
export const Contracts = {
  [Topics.scimUserChanged]: { type: 'scim.user.changed', schemaVersion: 1, data: scimUserChangedSchema },
  [Topics.scimGroupChanged]: { type: 'scim.group.changed', schemaVersion: 1, data: scimGroupChangedSchema },
  [Topics.zoomUserCommand]: { type: 'zoom.user.command', schemaVersion: 1, data: zoomUserCommandSchema },
  [Topics.zoomGroupCommand]: { type: 'zoom.group.command', schemaVersion: 1, data: zoomGroupCommandSchema },
  [Topics.zoomCallResult]: { type: 'zoom.call.result', schemaVersion: 1, data: zoomCallResultSchema },
  [Topics.mappingUserRejected]: { type: 'mapping.user.rejected', schemaVersion: 1, data: mappingUserRejectedSchema },
  [Topics.ingestRequestLogged]: { type: 'ingest.request.logged', schemaVersion: 1, data: ingestRequestLoggedSchema },
  [Topics.deadLetter]: { type: 'ops.message.deadlettered', schemaVersion: 1, data: deadLetterSchema },
} as const satisfies Record<TopicName, { type: string; schemaVersion: number; data: z.ZodType }>;

export type MessageData<T extends TopicName> = z.infer<(typeof Contracts)[T]['data']>;
