import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Topics, type TopicMessage } from '@bridge/contracts';

type GroupChanged = TopicMessage<typeof Topics.scimGroupChanged>;
type ZoomResult = TopicMessage<typeof Topics.zoomCallResult>;

/**
 * Keeps what push rules will need: each Okta group's latest members, and each user's Zoom id.
 * A partition batch is applied in one statement: every message is claimed once (a redelivered
 * one changes nothing), and a group only ever moves to a newer version.
 */
@Injectable()
export class GroupStateService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async recordGroupChanges(messages: readonly GroupChanged[]): Promise<void> {
    if (messages.length === 0) {
      return;
    }
    await this.dataSource.query(
      `WITH input AS (
         SELECT * FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::jsonb[], $7::boolean[], $8::int[])
           WITH ORDINALITY AS t(message_id, tenant_id, scim_group_id, display_name, member_ids, deleted, version, ord)
       ), claimed AS (
         INSERT INTO "group_push"."processed_message" (message_id, topic) SELECT DISTINCT message_id, $1 FROM input
         ON CONFLICT (message_id) DO NOTHING RETURNING message_id
       ), newest AS (
         SELECT DISTINCT ON (i.tenant_id, i.scim_group_id) i.*
         FROM input i JOIN claimed c ON c.message_id = i.message_id
         ORDER BY i.tenant_id, i.scim_group_id, i.version DESC, i.ord DESC
       )
       INSERT INTO "group_push"."okta_group" (tenant_id, scim_group_id, display_name, member_ids, deleted, version, updated_at)
       SELECT tenant_id, scim_group_id, display_name, member_ids, deleted, version, now() FROM newest
       ON CONFLICT (tenant_id, scim_group_id) DO UPDATE
         SET display_name = EXCLUDED.display_name, member_ids = EXCLUDED.member_ids, deleted = EXCLUDED.deleted,
             version = EXCLUDED.version, updated_at = EXCLUDED.updated_at
         WHERE "okta_group".version < EXCLUDED.version`,
      [
        Topics.scimGroupChanged,
        messages.map((message) => message.id),
        messages.map((message) => message.tenantId),
        messages.map((message) => message.data.groupId),
        messages.map((message) => message.data.displayName),
        messages.map((message) => JSON.stringify(message.data.members)),
        messages.map((message) => message.data.changes.includes('deleted')),
        messages.map((message) => message.data.version),
      ],
    );
  }

  /** Only a user's successful results name its Zoom id; the newest of a batch wins. */
  async recordZoomResults(messages: readonly ZoomResult[]): Promise<void> {
    const relevant = messages.filter(({ data }) => data.subject.type === 'user' && data.outcome === 'succeeded' && data.zoomId !== undefined);
    if (relevant.length === 0) {
      return;
    }
    await this.dataSource.query(
      `WITH input AS (
         SELECT * FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[]) WITH ORDINALITY AS t(message_id, tenant_id, scim_user_id, zoom_user_id, ord)
       ), claimed AS (
         INSERT INTO "group_push"."processed_message" (message_id, topic) SELECT DISTINCT message_id, $1 FROM input
         ON CONFLICT (message_id) DO NOTHING RETURNING message_id
       ), newest AS (
         SELECT DISTINCT ON (i.tenant_id, i.scim_user_id) i.*
         FROM input i JOIN claimed c ON c.message_id = i.message_id
         ORDER BY i.tenant_id, i.scim_user_id, i.ord DESC
       )
       INSERT INTO "group_push"."zoom_user_ref" (tenant_id, scim_user_id, zoom_user_id, updated_at)
       SELECT tenant_id, scim_user_id, zoom_user_id, now() FROM newest
       ON CONFLICT (tenant_id, scim_user_id) DO UPDATE SET zoom_user_id = EXCLUDED.zoom_user_id, updated_at = EXCLUDED.updated_at`,
      [
        Topics.zoomCallResult,
        relevant.map((message) => message.id),
        relevant.map((message) => message.tenantId),
        relevant.map((message) => message.data.subject.scimId),
        relevant.map((message) => message.data.zoomId),
      ],
    );
  }
}
