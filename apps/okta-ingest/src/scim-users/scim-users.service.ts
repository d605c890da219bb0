import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { Topics, createMessage, resourceKey, type ScimUserSnapshot, type UserChange } from '@bridge/contracts';
import { ScimError, listResponse, type ScimListResponse, type ScimUser } from '@bridge/scim';
import { currentContext } from '@bridge/observability';
import { isPgError } from '@bridge/database';
import { OutboxRepository } from '../outbox/outbox.repository';
import { OutboxRelayService } from '../outbox/outbox-relay.service';
import { ScimUserEntity } from './scim-user.entity';
import { applyUserPatch } from './user-patch.rules';
import { toScimUser, toUserWrite, type UserWrite } from './scim-user.mapper';
import { parseUserFilter } from './user-filter.rules';

export interface ScimRequestScope {
  tenantId: string;
  baseUrl: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The tenant's SCIM users: each change is stored with its event in one transaction. */
@Injectable()
export class ScimUsersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxRepository,
    private readonly relay: OutboxRelayService,
  ) {}

  async create(scope: ScimRequestScope, body: unknown): Promise<ScimUser> {
    const write = toUserWrite(body);
    const now = new Date();
    const entity: ScimUserEntity = {
      tenantId: scope.tenantId,
      id: randomUUID(),
      ...write,
      version: 1,
      createdAt: now,
      updatedAt: now,
    };
    await this.commit(scope, async (manager) => {
      await manager.insert(ScimUserEntity, entity as QueryDeepPartialEntity<ScimUserEntity>).catch((error: unknown) => {
        throw isPgError(error, '23505') ? duplicateUserName(write.userName) : error;
      });
      return { entity, change: 'created' };
    });
    return toScimUser(entity, scope.baseUrl);
  }

  async get(scope: ScimRequestScope, id: string): Promise<ScimUser> {
    return toScimUser(await this.find(this.dataSource.manager, scope.tenantId, id), scope.baseUrl);
  }

  async list(scope: ScimRequestScope, filter: string | undefined, startIndex: number, count: number): Promise<ScimListResponse<ScimUser>> {
    const parsed = parseUserFilter(filter);
    const query = this.dataSource.manager
      .createQueryBuilder(ScimUserEntity, 'user')
      .where('user.tenant_id = :tenantId', { tenantId: scope.tenantId });
    if (parsed.kind === 'userNameEquals') {
      query.andWhere('lower(user.user_name) = lower(:userName)', { userName: parsed.userName });
    }
    const [rows, total] = await query
      .orderBy('user.created_at', 'ASC')
      .addOrderBy('user.id', 'ASC')
      .skip(startIndex - 1)
      .take(count)
      .getManyAndCount();
    return listResponse(
      rows.map((row) => toScimUser(row, scope.baseUrl)),
      total,
      startIndex,
    );
  }

  async replace(scope: ScimRequestScope, id: string, body: unknown): Promise<ScimUser> {
    const write = toUserWrite(body);
    return this.update(scope, id, () => write, 'replaced');
  }

  async patch(scope: ScimRequestScope, id: string, body: unknown): Promise<ScimUser> {
    return this.update(scope, id, (current) => applyUserPatch(current, body), 'patched');
  }

  async delete(scope: ScimRequestScope, id: string): Promise<void> {
    await this.commit(scope, async (manager) => {
      const entity = await this.find(manager, scope.tenantId, id, true);
      await manager.delete(ScimUserEntity, { tenantId: scope.tenantId, id });
      return { entity: { ...entity, version: entity.version + 1, updatedAt: new Date() }, change: 'deleted' };
    });
  }

  private async update(
    scope: ScimRequestScope,
    id: string,
    change: (current: UserWrite) => UserWrite,
    kind: 'replaced' | 'patched',
  ): Promise<ScimUser> {
    const updated = await this.commit(scope, async (manager) => {
      const current = await this.find(manager, scope.tenantId, id, true);
      const write = change(current);
      const entity: ScimUserEntity = { ...current, ...write, version: current.version + 1, updatedAt: new Date() };
      await manager
        .update(ScimUserEntity, { tenantId: scope.tenantId, id }, {
          ...write,
          version: entity.version,
          updatedAt: entity.updatedAt,
        } as QueryDeepPartialEntity<ScimUserEntity>)
        .catch((error: unknown) => {
          throw isPgError(error, '23505') ? duplicateUserName(write.userName) : error;
        });
      const activity: UserChange = current.active === entity.active ? kind : entity.active ? 'reactivated' : 'deactivated';
      return { entity, change: activity };
    });
    return toScimUser(updated, scope.baseUrl);
  }

  private async commit(
    scope: ScimRequestScope,
    work: (manager: EntityManager) => Promise<{ entity: ScimUserEntity; change: UserChange }>,
  ): Promise<ScimUserEntity> {
    const result = await this.dataSource.transaction(async (manager) => {
      const { entity, change } = await work(manager);
      const user = toScimUser(entity, scope.baseUrl);
      const correlationId = currentContext().correlationId ?? randomUUID();
      const message = createMessage(
        Topics.scimUserChanged,
        { tenantId: scope.tenantId, correlationId },
        { change, userId: entity.id, version: entity.version, user: { ...(user as ScimUserSnapshot), active: entity.active } },
      );
      await this.outbox.append(manager, [{ topic: Topics.scimUserChanged, key: resourceKey(scope.tenantId, entity.id), message }]);
      return entity;
    });
    this.relay.wake();
    return result;
  }

  private async find(manager: EntityManager, tenantId: string, id: string, lock = false): Promise<ScimUserEntity> {
    // Another tenant's id is answered exactly like an unknown one.
    const entity = UUID.test(id)
      ? await manager.findOne(ScimUserEntity, { where: { tenantId, id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) })
      : null;
    if (entity === null) {
      throw new ScimError(404, `User ${id} not found.`);
    }
    return entity;
  }
}

function duplicateUserName(userName: string): ScimError {
  return new ScimError(409, `A user with userName ${userName} already exists in this app.`, 'uniqueness');
}
