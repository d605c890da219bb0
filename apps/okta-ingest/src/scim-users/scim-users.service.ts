import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { Topics, createMessage, resourceKey, type ScimUserSnapshot, type UserChange } from '@bridge/contracts';
import type { OutgoingMessage } from '@bridge/kafka';
import {
  ScimError,
  applyPatch,
  listResponse,
  projectResource,
  projectionExcludes,
  readPatchOperations,
  userResourceType,
  type ScimListResponse,
  type ScimObject,
  type ScimUser,
} from '@bridge/scim';
import { currentContext } from '@bridge/observability';
import { isPgError } from '@bridge/database';
import { ChangeTransaction, OPTIMISTIC_ATTEMPTS } from '../outbox/change-transaction.service';
import { GroupMembersRepository } from '../scim-groups/group-members.repository';
import { ListQueryRepository } from '../scim-query/list-query.repository';
import { SqlParameters } from '../scim-query/filter-sql.model';
import { userFilterTable } from '../scim-query/resource-tables';
import { UUID, type ListQuery, type Projection, type ScimRequestScope } from '../scim-http/scim-request-scope';
import {
  USER_GROUPS_SQL,
  fromUserResource,
  toScimUser,
  toUserWrite,
  userFromRow,
  userGroupsFromRow,
  userResource,
  type UserGroupRow,
  type UserWrite,
} from './scim-user.mapper';
import type { ScimUserEntity } from './scim-user.entity';

/** The tenant's SCIM users: each change is stored with its event in one transaction. */
@Injectable()
export class ScimUsersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly changes: ChangeTransaction,
    private readonly lists: ListQueryRepository,
    private readonly groupMembers: GroupMembersRepository,
  ) {}

  async create(scope: ScimRequestScope, body: unknown): Promise<ScimUser> {
    const write = toUserWrite(body);
    const now = new Date();
    const entity: ScimUserEntity = { tenantId: scope.tenantId, id: randomUUID(), ...write, version: 1, createdAt: now, updatedAt: now };
    // externalId is opaque: a create never finds or adopts another identity by it, only userName is unique.
    // One statement stores the user and its event; ON CONFLICT turns a duplicate into "nothing inserted".
    const params = new SqlParameters();
    const at = params.add(now);
    const inserted = await this.changes.write(
      params,
      {
        inserted: `INSERT INTO "ingest"."scim_user" (tenant_id, id, user_name, external_id, active, attributes, version, created_at, updated_at)
          VALUES (${params.add(entity.tenantId)}, ${params.add(entity.id)}, ${params.add(entity.userName)}, ${params.add(entity.externalId)},
                  ${params.add(entity.active)}, ${params.add(entity.attributes)}, ${params.add(entity.version)}, ${at}, ${at})
          ON CONFLICT DO NOTHING RETURNING id`,
      },
      'inserted',
      [userChanged(scope, entity, 'created')],
    );
    if (inserted === 0) {
      throw duplicateUserName(write.userName);
    }
    return toScimUser(entity, scope.baseUrl);
  }

  async get(scope: ScimRequestScope, id: string, view: Projection = {}): Promise<ScimObject> {
    const withGroups = !projectionExcludes('groups', view.attributes, view.excluded);
    const { entity, groups } = await this.find(this.dataSource.manager, scope.tenantId, id, false, withGroups);
    return projectResource(toScimUser(entity, scope.baseUrl, groups), view.attributes, view.excluded);
  }

  async list(scope: ScimRequestScope, query: ListQuery, view: Projection = {}): Promise<ScimListResponse<ScimObject>> {
    // A list that does not return groups (attributes=userName, excludedAttributes=groups) does not read them.
    const withGroups = !projectionExcludes('groups', view.attributes, view.excluded);
    const page = await this.lists.listPage<Record<string, unknown>>(
      this.dataSource.manager,
      '"ingest"."scim_user"',
      userResourceType,
      userFilterTable,
      { tenantId: scope.tenantId, ...query },
      withGroups ? USER_GROUPS_SQL : undefined,
    );
    const resources = page.rows.map((row) =>
      projectResource(toScimUser(userFromRow(row), scope.baseUrl, userGroupsFromRow(row)), view.attributes, view.excluded),
    );
    return listResponse(resources, page.total, query.startIndex);
  }

  async replace(scope: ScimRequestScope, id: string, body: unknown): Promise<ScimUser> {
    return this.update(scope, id, (current) => toUserWrite(body, current.active), 'replaced');
  }

  async patch(scope: ScimRequestScope, id: string, body: unknown): Promise<ScimUser> {
    const operations = readPatchOperations(body);
    return this.update(scope, id, (current) => fromUserResource(applyPatch(userResourceType, userResource(current), operations)), 'patched');
  }

  async delete(scope: ScimRequestScope, id: string): Promise<void> {
    await this.changes.run(async (manager) => {
      // Groups first, in the order group changes take their locks, so a concurrent membership PATCH cannot deadlock with this.
      const groupMessages = UUID.test(id) ? await this.groupMembers.removeUserFromAllGroups(manager, scope.tenantId, id) : [];
      const { entity } = await this.find(manager, scope.tenantId, id, true, false);
      await manager.query(`DELETE FROM "ingest"."scim_user" WHERE tenant_id = $1 AND id = $2`, [scope.tenantId, id]);
      const deleted = { ...entity, version: entity.version + 1, updatedAt: new Date() };
      return { result: undefined, messages: [...groupMessages, userChanged(scope, deleted, 'deleted')] };
    });
  }

  /**
   * Reads the user, applies the change and writes it back only if nobody changed the user in
   * between (its version), in one statement with its event: two round trips and no lock held
   * across them. A lost race reads again; after a few, the change takes the row lock instead.
   */
  private async update(scope: ScimRequestScope, id: string, change: (current: ScimUserEntity) => UserWrite, kind: 'replaced' | 'patched'): Promise<ScimUser> {
    for (let attempt = 0; attempt < OPTIMISTIC_ATTEMPTS; attempt += 1) {
      const { entity: current, groups } = await this.find(this.dataSource.manager, scope.tenantId, id, false, true);
      const entity = updatedUser(current, change(current));
      const params = new SqlParameters();
      const updated = await this.changes
        .write(
          params,
          {
            updated: `UPDATE "ingest"."scim_user" SET user_name = ${params.add(entity.userName)}, external_id = ${params.add(entity.externalId)},
                active = ${params.add(entity.active)}, attributes = ${params.add(entity.attributes)}, version = ${params.add(entity.version)},
                updated_at = ${params.add(entity.updatedAt)}
              WHERE tenant_id = ${params.add(scope.tenantId)} AND id = ${params.add(id)} AND version = ${params.add(current.version)} RETURNING id`,
          },
          'updated',
          [userChanged(scope, entity, activityOf(current, entity, kind))],
        )
        .catch((error: unknown) => {
          throw isPgError(error, '23505') ? duplicateUserName(entity.userName) : error;
        });
      if (updated === 1) {
        return toScimUser(entity, scope.baseUrl, groups);
      }
    }
    return this.updateLocked(scope, id, change, kind);
  }

  private async updateLocked(scope: ScimRequestScope, id: string, change: (current: ScimUserEntity) => UserWrite, kind: 'replaced' | 'patched'): Promise<ScimUser> {
    const updated = await this.changes.run(async (manager) => {
      const { entity: current, groups } = await this.find(manager, scope.tenantId, id, true, true);
      const entity = updatedUser(current, change(current));
      await manager
        .query(
          `UPDATE "ingest"."scim_user" SET user_name = $3, external_id = $4, active = $5, attributes = $6, version = $7, updated_at = $8
           WHERE tenant_id = $1 AND id = $2`,
          [scope.tenantId, id, entity.userName, entity.externalId, entity.active, entity.attributes, entity.version, entity.updatedAt],
        )
        .catch((error: unknown) => {
          throw isPgError(error, '23505') ? duplicateUserName(entity.userName) : error;
        });
      return { result: { entity, groups }, messages: [userChanged(scope, entity, activityOf(current, entity, kind))] };
    });
    return toScimUser(updated.entity, scope.baseUrl, updated.groups);
  }

  private async find(
    manager: EntityManager,
    tenantId: string,
    id: string,
    lock: boolean,
    withGroups: boolean,
  ): Promise<{ entity: ScimUserEntity; groups: UserGroupRow[] }> {
    // Another tenant's id is answered exactly like an unknown one. NO KEY UPDATE leaves membership inserts (key share) unblocked.
    const rows = UUID.test(id)
      ? await manager.query<Record<string, unknown>[]>(
          `SELECT r.*${withGroups ? `, ${USER_GROUPS_SQL}` : ''} FROM "ingest"."scim_user" r WHERE r.tenant_id = $1 AND r.id = $2${lock ? ' FOR NO KEY UPDATE OF r' : ''}`,
          [tenantId, id],
        )
      : [];
    if (rows.length === 0) {
      throw new ScimError(404, `User ${id} not found in this app. It may have been deleted; reassign the user in Okta to create it again.`);
    }
    return { entity: userFromRow(rows[0]), groups: userGroupsFromRow(rows[0]) };
  }
}

function userChanged(scope: ScimRequestScope, entity: ScimUserEntity, change: UserChange): OutgoingMessage {
  const user = toScimUser(entity, scope.baseUrl);
  const correlationId = currentContext().correlationId ?? randomUUID();
  const message = createMessage(
    Topics.scimUserChanged,
    { tenantId: scope.tenantId, correlationId },
    { change, userId: entity.id, version: entity.version, user: user as ScimUserSnapshot },
  );
  return { topic: Topics.scimUserChanged, key: resourceKey(scope.tenantId, entity.id), message };
}

function updatedUser(current: ScimUserEntity, write: UserWrite): ScimUserEntity {
  return { ...current, ...write, version: current.version + 1, updatedAt: new Date() };
}

function activityOf(current: ScimUserEntity, entity: ScimUserEntity, kind: 'replaced' | 'patched'): UserChange {
  if (current.active === entity.active) {
    return kind;
  }
  return entity.active ? 'reactivated' : 'deactivated';
}

function duplicateUserName(userName: string): ScimError {
  return new ScimError(
    409,
    `A user with userName ${userName} already exists in this app (userNames are compared without regard to case). Okta links to it when its lookup finds it; check for a second Okta user with the same username.`,
    'uniqueness',
  );
}
