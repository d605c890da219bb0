import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  ScimError,
  applyPatch,
  groupResourceType,
  listResponse,
  projectResource,
  projectionExcludes,
  readPatchOperations,
  type ScimListResponse,
  type ScimObject,
} from '@bridge/scim';
import { isPgError } from '@bridge/database';
import { ChangeTransaction } from '../outbox/change-transaction.service';
import { OutboxRepository } from '../outbox/outbox.repository';
import { SqlParameters } from '../scim-query/filter-sql.model';
import { ListQueryRepository } from '../scim-query/list-query.repository';
import { groupFilterTable } from '../scim-query/resource-tables';
import { UUID, type ListQuery, type Projection, type ScimRequestScope } from '../scim-http/scim-request-scope';
import { groupDelta, replacesMembers } from './group-change.rules';
import { GroupMembersRepository, groupChanged } from './group-members.repository';
import { fromGroupResource, groupFromRow, groupResource, toGroupWrite, toScimGroup, type GroupRow, type GroupWrite } from './scim-group.mapper';

/** The tenant's SCIM groups. Every change locks the group row, so concurrent membership changes never lose one another. */
@Injectable()
export class ScimGroupsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly changes: ChangeTransaction,
    private readonly lists: ListQueryRepository,
    private readonly members: GroupMembersRepository,
    private readonly outbox: OutboxRepository,
  ) {}

  async create(scope: ScimRequestScope, body: unknown): Promise<ScimObject> {
    const write = toGroupWrite(body);
    const now = new Date();
    const group: GroupRow = { tenantId: scope.tenantId, id: randomUUID(), ...write, version: 1, createdAt: now, updatedAt: now };
    await this.changes.run(async (manager) => {
      await this.requireUsers(manager, scope.tenantId, write.memberIds);
      const inserted = await manager.query<unknown[]>(
        `INSERT INTO "ingest"."scim_group" (tenant_id, id, display_name, external_id, attributes, version, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, 1, $6, $6) ON CONFLICT DO NOTHING RETURNING id`,
        [group.tenantId, group.id, group.displayName, group.externalId, group.attributes, now],
      );
      if (inserted.length === 0) {
        throw duplicateName(write.displayName);
      }
      await this.members.applyDelta(manager, scope.tenantId, group.id, write.memberIds, []);
      return { result: undefined, messages: [groupChanged(group, ['created'], write.memberIds, [], write.memberIds)] };
    });
    return this.get(scope, group.id);
  }

  async get(scope: ScimRequestScope, id: string, view: Projection = {}): Promise<ScimObject> {
    const group = await this.find(this.dataSource.manager, scope.tenantId, id, false);
    const members = projectionExcludes('members', view.attributes, view.excluded)
      ? undefined
      : (await this.members.membersOf(this.dataSource.manager, scope.tenantId, [group.id])).get(group.id);
    return projectResource(toScimGroup(group, members, scope.baseUrl), view.attributes, view.excluded);
  }

  async list(scope: ScimRequestScope, query: ListQuery, view: Projection = {}): Promise<ScimListResponse<ScimObject>> {
    const manager = this.dataSource.manager;
    const page = await this.lists.listPage<Record<string, unknown>>(manager, '"ingest"."scim_group"', groupResourceType, groupFilterTable, {
      tenantId: scope.tenantId,
      ...query,
    });
    const groups = page.rows.map(groupFromRow);
    // Entra lists with excludedAttributes=members; then members are not even read.
    const members = projectionExcludes('members', view.attributes, view.excluded)
      ? new Map<string, undefined>()
      : await this.members.membersOf(manager, scope.tenantId, groups.map((group) => group.id));
    const resources = groups.map((group) => projectResource(toScimGroup(group, members.get(group.id), scope.baseUrl), view.attributes, view.excluded));
    return listResponse(resources, page.total, query.startIndex);
  }

  async replace(scope: ScimRequestScope, id: string, body: unknown): Promise<ScimObject> {
    const write = toGroupWrite(body);
    await this.change(scope, id, () => write, true);
    return this.get(scope, id);
  }

  async patch(scope: ScimRequestScope, id: string, body: unknown): Promise<void> {
    const operations = readPatchOperations(body);
    await this.change(
      scope,
      id,
      (current, memberIds) => fromGroupResource(applyPatch(groupResourceType, groupResource(current, memberIds), operations)),
      replacesMembers(operations),
    );
  }

  async delete(scope: ScimRequestScope, id: string): Promise<void> {
    await this.changes.run(async (manager) => {
      const group = await this.find(manager, scope.tenantId, id, true);
      const memberIds = await this.members.memberIds(manager, scope.tenantId, id);
      await manager.query(`DELETE FROM "ingest"."scim_group" WHERE tenant_id = $1 AND id = $2`, [scope.tenantId, id]);
      const deleted = { ...group, version: group.version + 1, updatedAt: new Date() };
      return { result: undefined, messages: [groupChanged(deleted, ['deleted'], [], memberIds, [])] };
    });
  }

  /**
   * Locks the group, reads its members, applies the change in memory, then writes the group, the
   * membership delta and the event as one statement. A member who is not a user of the tenant
   * fails the membership foreign key, and is then named in the error.
   */
  private async change(scope: ScimRequestScope, id: string, apply: (current: GroupRow, memberIds: string[]) => GroupWrite, replacedMembers: boolean): Promise<void> {
    let added: readonly string[] = [];
    try {
      await this.changes.run(async (manager) => {
        const current = await this.find(manager, scope.tenantId, id, true);
        const memberIds = await this.members.memberIds(manager, scope.tenantId, id);
        const write = apply(current, memberIds);
        const delta = groupDelta({ displayName: current.displayName, memberIds }, write, replacedMembers);
        const attributesChanged =
          JSON.stringify(write.attributes) !== JSON.stringify(current.attributes) || write.externalId !== current.externalId;
        if (delta.changes.length === 0 && !attributesChanged) {
          // Adding a member who is there, or removing one who is not, succeeds and changes nothing.
          return { result: undefined, messages: [] };
        }
        added = delta.added;
        if (!delta.added.every((memberId) => UUID.test(memberId))) {
          await this.requireUsers(manager, scope.tenantId, delta.added);
        }
        const updated: GroupRow = { ...current, ...write, version: current.version + 1, updatedAt: new Date() };
        const changes = delta.changes.length === 0 ? (['renamed'] as const).slice() : delta.changes;
        const message = groupChanged(updated, changes, delta.added, delta.removed, write.memberIds);
        const params = new SqlParameters();
        const tenant = params.add(scope.tenantId);
        const group = params.add(id);
        const statements: Record<string, string> = {
          updated: `UPDATE "ingest"."scim_group" SET display_name = ${params.add(updated.displayName)}, external_id = ${params.add(updated.externalId)},
              attributes = ${params.add(updated.attributes)}, version = ${params.add(updated.version)}, updated_at = ${params.add(updated.updatedAt)}
            WHERE tenant_id = ${tenant} AND id = ${group} RETURNING id`,
        };
        if (delta.removed.length > 0) {
          statements['removed'] = `DELETE FROM "ingest"."scim_group_member"
            WHERE tenant_id = ${tenant} AND group_id = ${group} AND user_id = ANY(${params.add(delta.removed)}::uuid[])`;
        }
        if (delta.added.length > 0) {
          statements['added'] = `INSERT INTO "ingest"."scim_group_member" (tenant_id, group_id, user_id)
            SELECT ${tenant}, ${group}, unnest(${params.add(delta.added)}::uuid[]) ON CONFLICT DO NOTHING`;
        }
        await this.outbox.writeWithMessages(manager, params, statements, 'updated', [message]).catch((error: unknown) => {
          throw isPgError(error, '23505') ? duplicateName(write.displayName) : error;
        });
        return { result: undefined, messages: [message], appended: true };
      });
    } catch (error) {
      if (isPgError(error, '23503')) {
        // Outside the failed transaction: which of the members are not users (deleted meanwhile, another tenant's, never pushed).
        await this.requireUsers(this.dataSource.manager, scope.tenantId, added);
      }
      throw error;
    }
  }

  private async requireUsers(manager: EntityManager, tenantId: string, ids: readonly string[]): Promise<void> {
    const unknown = await this.members.unknownUsers(manager, tenantId, ids);
    if (unknown.length > 0) {
      const shown = unknown.slice(0, 5).join(', ') + (unknown.length > 5 ? ` and ${unknown.length - 5} more` : '');
      throw new ScimError(
        400,
        `These members are not users of this app: ${shown}. Push or assign those users to the app first, then push the group again.`,
        'invalidValue',
      );
    }
  }

  private async find(manager: EntityManager, tenantId: string, id: string, lock: boolean): Promise<GroupRow> {
    const rows = UUID.test(id)
      ? await manager.query<Record<string, unknown>[]>(`SELECT * FROM "ingest"."scim_group" WHERE tenant_id = $1 AND id = $2${lock ? ' FOR UPDATE' : ''}`, [
          tenantId,
          id,
        ])
      : [];
    if (rows.length === 0) {
      throw new ScimError(404, `Group ${id} not found in this app. It may have been deleted; push the group again from Okta.`);
    }
    return groupFromRow(rows[0]);
  }
}

function duplicateName(displayName: string): ScimError {
  return new ScimError(
    409,
    `A group named ${displayName} already exists in this app (names are compared without regard to case). Link the Okta push to the existing group, or rename one of them.`,
    'uniqueness',
  );
}
