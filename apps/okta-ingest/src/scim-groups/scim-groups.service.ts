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
import type { OutgoingMessage } from '@bridge/kafka';
import { ChangeTransaction, OPTIMISTIC_ATTEMPTS } from '../outbox/change-transaction.service';
import { OutboxRepository } from '../outbox/outbox.repository';
import { SqlParameters } from '../scim-query/filter-sql.model';
import { ListQueryRepository } from '../scim-query/list-query.repository';
import { groupFilterTable } from '../scim-query/resource-tables';
import { UUID, type ListQuery, type Projection, type ScimRequestScope } from '../scim-http/scim-request-scope';
import { groupDelta, replacesMembers } from './group-change.rules';
import { GroupMembersRepository, groupChanged } from './group-members.repository';
import { fromGroupResource, groupFromRow, groupResource, toGroupWrite, toScimGroup, type GroupRow, type GroupWrite } from './scim-group.mapper';

/** The tenant's SCIM groups. Every change is written against the version it read (or under the row lock), so concurrent membership changes never lose one another. */
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
   * Reads the group with its member ids, applies the change in memory, and writes the group, the
   * membership delta and the event as one statement, only if nobody changed the group in between
   * (every membership change bumps its version): two round trips and no lock held across them. A
   * lost race reads again; after a few, the change takes the group's row lock instead. A member
   * who is not a user of the tenant fails the membership foreign key, and is then named in the error.
   */
  private async change(scope: ScimRequestScope, id: string, apply: (current: GroupRow, memberIds: string[]) => GroupWrite, replacedMembers: boolean): Promise<void> {
    let added: readonly string[] = [];
    try {
      for (let attempt = 0; attempt < OPTIMISTIC_ATTEMPTS; attempt += 1) {
        const manager = this.dataSource.manager;
        const { group: current, memberIds } = await this.findWithMembers(manager, scope.tenantId, id);
        const planned = await this.plan(manager, scope.tenantId, current, apply(current, memberIds), memberIds, replacedMembers, true);
        if (planned === undefined) {
          return;
        }
        added = planned.added;
        if ((await this.changes.write(planned.params, planned.statements, 'updated', [planned.message]).catch(renameConflict(planned.displayName))) === 1) {
          return;
        }
      }
      await this.changes.run(async (manager) => {
        // Members read after the lock is held: a locking read that waited sees the group's latest
        // row, but a subquery in it would still read the members as of before the wait.
        const current = await this.find(manager, scope.tenantId, id, true);
        const memberIds = await this.members.memberIds(manager, scope.tenantId, id);
        const planned = await this.plan(manager, scope.tenantId, current, apply(current, memberIds), memberIds, replacedMembers, false);
        if (planned === undefined) {
          return { result: undefined, messages: [] };
        }
        added = planned.added;
        await this.outbox.writeWithMessages(manager, planned.params, planned.statements, 'updated', [planned.message]).catch(renameConflict(planned.displayName));
        return { result: undefined, messages: [planned.message], appended: true };
      });
    } catch (error) {
      if (isPgError(error, '23503')) {
        // Outside the failed statement: which of the members are not users (deleted meanwhile, another tenant's, never pushed).
        await this.requireUsers(this.dataSource.manager, scope.tenantId, added);
      }
      throw error;
    }
  }

  /**
   * The statements (data-modifying CTEs, `updated` returning the group's id when it was written)
   * and the event of a change read from `current`; undefined when it changes nothing (adding a
   * member who is there, or removing one who is not, succeeds and changes nothing).
   * `versionChecked`: write only if the group is still at the version read.
   */
  private async plan(
    manager: EntityManager,
    tenantId: string,
    current: GroupRow,
    write: GroupWrite,
    memberIds: string[],
    replacedMembers: boolean,
    versionChecked: boolean,
  ): Promise<{ params: SqlParameters; statements: Record<string, string>; message: OutgoingMessage; added: readonly string[]; displayName: string } | undefined> {
    const delta = groupDelta({ displayName: current.displayName, memberIds }, write, replacedMembers);
    const attributesChanged = JSON.stringify(write.attributes) !== JSON.stringify(current.attributes) || write.externalId !== current.externalId;
    if (delta.changes.length === 0 && !attributesChanged) {
      return undefined;
    }
    if (!delta.added.every((memberId) => UUID.test(memberId))) {
      await this.requireUsers(manager, tenantId, delta.added);
    }
    const updated: GroupRow = { ...current, ...write, version: current.version + 1, updatedAt: new Date() };
    const changes = delta.changes.length === 0 ? (['renamed'] as const).slice() : delta.changes;
    const message = groupChanged(updated, changes, delta.added, delta.removed, write.memberIds);
    const params = new SqlParameters();
    const tenant = params.add(tenantId);
    const group = params.add(current.id);
    const statements: Record<string, string> = {
      updated: `UPDATE "ingest"."scim_group" SET display_name = ${params.add(updated.displayName)}, external_id = ${params.add(updated.externalId)},
          attributes = ${params.add(updated.attributes)}, version = ${params.add(updated.version)}, updated_at = ${params.add(updated.updatedAt)}
        WHERE tenant_id = ${tenant} AND id = ${group}${versionChecked ? ` AND version = ${params.add(current.version)}` : ''} RETURNING id`,
    };
    // The membership statements run only when the group row was written (a lost race changes nothing).
    if (delta.removed.length > 0) {
      statements['removed'] = `DELETE FROM "ingest"."scim_group_member"
        WHERE tenant_id = ${tenant} AND group_id = ${group} AND user_id = ANY(${params.add(delta.removed)}::uuid[]) AND EXISTS (SELECT 1 FROM updated)`;
    }
    if (delta.added.length > 0) {
      statements['added'] = `INSERT INTO "ingest"."scim_group_member" (tenant_id, group_id, user_id)
        SELECT ${tenant}, ${group}, unnest(${params.add(delta.added)}::uuid[]) WHERE EXISTS (SELECT 1 FROM updated) ON CONFLICT DO NOTHING`;
    }
    return { params, statements, message, added: delta.added, displayName: write.displayName };
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

  /** The group and its member ids (ordered) as of one snapshot, in one round trip; without a lock (see `change`). */
  private async findWithMembers(manager: EntityManager, tenantId: string, id: string): Promise<{ group: GroupRow; memberIds: string[] }> {
    const rows = UUID.test(id)
      ? await manager.query<Record<string, unknown>[]>(
          // One comma-separated string: far cheaper to read than a text[] of thousands of ids.
          `SELECT g.*, (SELECT string_agg(m.user_id::text, ',' ORDER BY m.user_id) FROM "ingest"."scim_group_member" m
                        WHERE m.tenant_id = g.tenant_id AND m.group_id = g.id) AS member_ids
           FROM "ingest"."scim_group" g WHERE g.tenant_id = $1 AND g.id = $2`,
          [tenantId, id],
        )
      : [];
    if (rows.length === 0) {
      throw groupNotFound(id);
    }
    const memberIds = (rows[0]['member_ids'] as string | null) ?? '';
    return { group: groupFromRow(rows[0]), memberIds: memberIds === '' ? [] : memberIds.split(',') };
  }

  private async find(manager: EntityManager, tenantId: string, id: string, lock: boolean): Promise<GroupRow> {
    const rows = UUID.test(id)
      ? await manager.query<Record<string, unknown>[]>(`SELECT * FROM "ingest"."scim_group" WHERE tenant_id = $1 AND id = $2${lock ? ' FOR UPDATE' : ''}`, [
          tenantId,
          id,
        ])
      : [];
    if (rows.length === 0) {
      throw groupNotFound(id);
    }
    return groupFromRow(rows[0]);
  }
}

function groupNotFound(id: string): ScimError {
  return new ScimError(404, `Group ${id} not found in this app. It may have been deleted; push the group again from Okta.`);
}

/** A rename onto another group's name fails the unique index: that is a 409 `uniqueness`. */
function renameConflict(displayName: string): (error: unknown) => never {
  return (error: unknown) => {
    throw isPgError(error, '23505') ? duplicateName(displayName) : error;
  };
}

function duplicateName(displayName: string): ScimError {
  return new ScimError(
    409,
    `A group named ${displayName} already exists in this app (names are compared without regard to case). Link the Okta push to the existing group, or rename one of them.`,
    'uniqueness',
  );
}
