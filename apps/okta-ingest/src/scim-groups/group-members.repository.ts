import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Topics, createMessage, resourceKey, type GroupChange } from '@bridge/contracts';
import type { OutgoingMessage } from '@bridge/kafka';
import { currentContext } from '@bridge/observability';
import { groupFromRow, type GroupRow, type StoredMember } from './scim-group.mapper';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Memberships (`scim_group_member`) and the `scim.group.changed` message that reports a change to them. */
@Injectable()
export class GroupMembersRepository {
  async membersOf(manager: EntityManager, tenantId: string, groupIds: readonly string[]): Promise<Map<string, StoredMember[]>> {
    const result = new Map<string, StoredMember[]>(groupIds.map((id) => [id, []]));
    if (groupIds.length === 0) {
      return result;
    }
    const rows = await manager.query<{ group_id: string; user_id: string; user_name: string }[]>(
      `SELECT m.group_id, m.user_id, u.user_name FROM "ingest"."scim_group_member" m
       JOIN "ingest"."scim_user" u ON u.tenant_id = m.tenant_id AND u.id = m.user_id
       WHERE m.tenant_id = $1 AND m.group_id = ANY($2::uuid[]) ORDER BY m.group_id, u.created_at, u.id`,
      [tenantId, groupIds],
    );
    for (const row of rows) {
      result.get(row.group_id)?.push({ value: row.user_id, display: row.user_name });
    }
    return result;
  }

  async memberIds(manager: EntityManager, tenantId: string, groupId: string): Promise<string[]> {
    const rows = await manager.query<{ user_id: string }[]>(
      `SELECT user_id FROM "ingest"."scim_group_member" WHERE tenant_id = $1 AND group_id = $2 ORDER BY user_id`,
      [tenantId, groupId],
    );
    return rows.map((row) => row.user_id);
  }

  /** The ids that are not users of this tenant (unknown, deleted, another tenant's, or not ids at all). */
  async unknownUsers(manager: EntityManager, tenantId: string, ids: readonly string[]): Promise<string[]> {
    const candidates = ids.filter((id) => UUID.test(id));
    const found = candidates.length === 0
      ? []
      : await manager.query<{ id: string }[]>(`SELECT id FROM "ingest"."scim_user" WHERE tenant_id = $1 AND id = ANY($2::uuid[])`, [tenantId, candidates]);
    const known = new Set(found.map((row) => row.id.toLowerCase()));
    return ids.filter((id) => !known.has(id.toLowerCase()));
  }

  async applyDelta(manager: EntityManager, tenantId: string, groupId: string, added: readonly string[], removed: readonly string[]): Promise<void> {
    if (removed.length > 0) {
      await manager.query(`DELETE FROM "ingest"."scim_group_member" WHERE tenant_id = $1 AND group_id = $2 AND user_id = ANY($3::uuid[])`, [
        tenantId,
        groupId,
        removed,
      ]);
    }
    if (added.length > 0) {
      await manager.query(
        `INSERT INTO "ingest"."scim_group_member" (tenant_id, group_id, user_id)
         SELECT $1, $2, unnest($3::uuid[]) ON CONFLICT DO NOTHING`,
        [tenantId, groupId, added],
      );
    }
  }

  /** Takes a deleted user out of every group, each group locked and versioned as a membership change. */
  async removeUserFromAllGroups(manager: EntityManager, tenantId: string, userId: string): Promise<OutgoingMessage[]> {
    const rows = await manager.query<Record<string, unknown>[]>(
      `SELECT g.* FROM "ingest"."scim_group" g
       WHERE g.tenant_id = $1 AND g.id IN (SELECT group_id FROM "ingest"."scim_group_member" WHERE tenant_id = $1 AND user_id = $2)
       ORDER BY g.id FOR UPDATE`,
      [tenantId, userId],
    );
    const messages: OutgoingMessage[] = [];
    for (const group of rows.map(groupFromRow)) {
      await this.applyDelta(manager, tenantId, group.id, [], [userId]);
      const updated = await this.bumpVersion(manager, group);
      const members = await this.memberIds(manager, tenantId, group.id);
      messages.push(groupChanged(updated, ['members-removed'], [], [userId], members));
    }
    return messages;
  }

  async bumpVersion(manager: EntityManager, group: GroupRow): Promise<GroupRow> {
    const updated = { ...group, version: group.version + 1, updatedAt: new Date() };
    await manager.query(`UPDATE "ingest"."scim_group" SET version = $3, updated_at = $4 WHERE tenant_id = $1 AND id = $2`, [
      group.tenantId,
      group.id,
      updated.version,
      updated.updatedAt,
    ]);
    return updated;
  }
}

export function groupChanged(
  group: GroupRow,
  changes: GroupChange[],
  added: string[],
  removed: string[],
  members: string[],
): OutgoingMessage {
  const correlationId = currentContext().correlationId ?? randomUUID();
  const message = createMessage(
    Topics.scimGroupChanged,
    { tenantId: group.tenantId, correlationId },
    { changes, groupId: group.id, version: group.version, displayName: group.displayName, added, removed, members },
  );
  return { topic: Topics.scimGroupChanged, key: resourceKey(group.tenantId, group.id), message };
}
