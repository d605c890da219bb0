import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import {
  Topics,
  causedBy,
  createMessage,
  derivedMessageId,
  resourceKey,
  type TopicMessage,
  type ZoomCall,
  type ZoomCallResult,
  type ZoomUserCommand,
} from '@bridge/contracts';
import { claimMessage } from '@bridge/database';
import { MessageProducer, PermanentFailure, TransientFailure } from '@bridge/kafka';
import { BridgeLogger, MetricsService } from '@bridge/observability';
import { SchemaUrns } from '@bridge/scim';
import { TenantService, type TenantConfig } from '@bridge/tenancy';
import { ZoomCallError, ZoomScimClient } from '../zoom-api/zoom-scim.client';
import { isTransient } from '../zoom-api/zoom-response.rules';
import { UserLinkEntity } from './user-link.entity';

type UserCommandMessage = TopicMessage<typeof Topics.zoomUserCommand>;

interface SyncOutcome {
  operation: string;
  zoomUserId?: string;
  active?: boolean;
}

/** Brings one Zoom user to the state a command describes, recording every call it makes. */
@Injectable()
export class ZoomUserSyncService {
  private readonly outcomes;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly zoom: ZoomScimClient,
    private readonly tenants: TenantService,
    private readonly producer: MessageProducer,
    private readonly logger: BridgeLogger,
    metrics: MetricsService,
  ) {
    this.outcomes = metrics.counter('zoom_user_commands_total', 'User commands by outcome', ['tenant', 'outcome']);
  }

  async applyUserCommand(message: UserCommandMessage, attempt: number): Promise<void> {
    const tenant = this.tenants.directory().get(message.tenantId);
    if (tenant === undefined) {
      throw new PermanentFailure('unknown-tenant', `tenant ${message.tenantId} is not in the tenant registry`);
    }
    if (await this.isProcessed(message.id)) {
      return;
    }
    const command = message.data;
    const links = this.dataSource.getRepository(UserLinkEntity);
    const link = await links.findOneBy({ tenantId: tenant.id, scimUserId: command.scimUserId });
    if (link !== null && command.sourceVersion <= link.appliedVersion) {
      await this.finish(message, undefined, { outcome: 'skipped', operation: 'none', calls: [], reason: { code: 'superseded', message: `version ${link.appliedVersion} was already applied` } });
      return;
    }

    const calls: ZoomCall[] = [];
    let outcome: SyncOutcome;
    try {
      outcome = await this.sync(tenant, command, link, calls);
    } catch (error) {
      if (!(error instanceof ZoomCallError)) {
        throw error;
      }
      calls.push(error.call);
      const { code, message: reason, retryAt } = error.failure;
      const transient = isTransient(code);
      await this.publishResult(message, derivedMessageId(message.id, `failed:${attempt}`), {
        outcome: transient ? 'failed' : 'dead-lettered',
        operation: 'sync-user',
        calls,
        reason: { code, message: reason },
      });
      this.outcomes.inc({ tenant: tenant.id, outcome: transient ? 'retried' : 'dead-lettered' });
      throw transient ? new TransientFailure(code, reason, retryAt) : new PermanentFailure(code, reason);
    }

    const zoomUserId = outcome.zoomUserId;
    await this.finish(
      message,
      zoomUserId === undefined
        ? undefined
        : { tenantId: tenant.id, scimUserId: command.scimUserId, zoomUserId, userName: command.userName, active: outcome.active ?? true, appliedVersion: command.sourceVersion, updatedAt: new Date() },
      { outcome: 'succeeded', operation: outcome.operation, calls, zoomId: zoomUserId },
    );
  }

  private async sync(tenant: TenantConfig, command: ZoomUserCommand, link: UserLinkEntity | null, calls: ZoomCall[]): Promise<SyncOutcome> {
    const desired = command.desired;
    if (desired.state === 'absent') {
      // A SCIM delete removes Zoom access but keeps the Zoom account and its data: deactivate.
      if (link === null) {
        return { operation: 'none' };
      }
      await this.setActive(tenant, link.zoomUserId, false, calls);
      return { operation: 'deactivate-user', zoomUserId: link.zoomUserId, active: false };
    }

    let zoomUserId = link?.zoomUserId;
    let zoomActive = link?.active;
    const operations: string[] = [];
    if (zoomUserId === undefined) {
      // Look before creating: a retry after a crash must find the user it already made.
      const found = await this.findByUserName(tenant, command.userName, calls);
      if (found === undefined) {
        const created = await this.zoom.request(tenant, 'POST', '/Users', 'light', { ...desired.user, active: desired.active });
        calls.push(created.call);
        zoomUserId = readId(created.body);
        zoomActive = desired.active;
        operations.push('create-user');
      } else {
        zoomUserId = found.id;
        zoomActive = found.active;
        operations.push('link-user');
      }
    }
    if (!operations.includes('create-user')) {
      const { active: _active, ...profile } = desired.user;
      const updated = await this.zoom.request(tenant, 'PUT', `/Users/${encodeURIComponent(zoomUserId)}`, 'light', {
        ...profile,
        schemas: profile['schemas'] ?? [SchemaUrns.user],
      });
      calls.push(updated.call);
      operations.push('update-user');
    }
    if (zoomActive !== desired.active) {
      await this.setActive(tenant, zoomUserId, desired.active, calls);
      operations.push(desired.active ? 'reactivate-user' : 'deactivate-user');
    }
    return { operation: operations.join('+'), zoomUserId, active: desired.active };
  }

  private async findByUserName(tenant: TenantConfig, userName: string, calls: ZoomCall[]): Promise<{ id: string; active: boolean } | undefined> {
    const filter = encodeURIComponent(`userName eq "${userName.replace(/"/g, '\\"')}"`);
    const response = await this.zoom.request(tenant, 'GET', `/Users?filter=${filter}`, 'medium');
    calls.push(response.call);
    const resources = (response.body as { Resources?: { id?: unknown; active?: unknown }[] } | undefined)?.Resources ?? [];
    const match = resources.find((resource) => typeof resource.id === 'string');
    return match === undefined ? undefined : { id: match.id as string, active: match.active !== false };
  }

  private async setActive(tenant: TenantConfig, zoomUserId: string, active: boolean, calls: ZoomCall[]): Promise<void> {
    // Zoom's PATCH only flips `active`, and only with `Operations` spelled exactly so.
    const response = await this.zoom.request(tenant, 'PATCH', `/Users/${encodeURIComponent(zoomUserId)}`, 'light', {
      schemas: [SchemaUrns.patchOp],
      Operations: [{ op: 'replace', value: { active } }],
    });
    calls.push(response.call);
  }

  private async isProcessed(messageId: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(`SELECT 1 FROM "zoom_writer"."processed_message" WHERE message_id = $1`, [messageId]);
    return rows.length > 0;
  }

  /** Publishes the result first: a crash before the commit redoes idempotent work and the result keeps its id. */
  private async finish(message: UserCommandMessage, link: UserLinkEntity | undefined, result: Omit<ZoomCallResult, 'commandId' | 'subject'>): Promise<void> {
    await this.publishResult(message, derivedMessageId(message.id, 'result'), result);
    await this.dataSource.transaction(async (manager) => {
      if (link !== undefined) {
        await manager.upsert(UserLinkEntity, link, ['tenantId', 'scimUserId']);
      }
      await claimMessage(manager, 'zoom_writer', message.id, Topics.zoomUserCommand);
    });
    this.outcomes.inc({ tenant: message.tenantId, outcome: result.outcome });
    this.logger.info('zoom user command applied', { operation: result.operation, outcome: result.outcome, zoomUserId: result.zoomId });
  }

  private async publishResult(message: UserCommandMessage, id: string, result: Omit<ZoomCallResult, 'commandId' | 'subject'>): Promise<void> {
    const data: ZoomCallResult = {
      commandId: message.id,
      subject: { type: 'user', scimId: message.data.scimUserId, userName: message.data.userName },
      ...result,
    };
    await this.producer.publish([
      {
        topic: Topics.zoomCallResult,
        key: resourceKey(message.tenantId, message.data.scimUserId),
        message: createMessage(Topics.zoomCallResult, { ...causedBy(message), id }, data),
      },
    ]);
  }
}

function readId(body: unknown): string {
  const id = (body as { id?: unknown } | undefined)?.id;
  if (typeof id !== 'string' || id === '') {
    throw new PermanentFailure('unexpected-response', 'Zoom created the user but returned no id');
  }
  return id;
}
