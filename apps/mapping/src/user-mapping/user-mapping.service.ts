import { Injectable } from '@nestjs/common';
import { Topics, causedBy, createMessage, derivedMessageId, resourceKey, type TopicMessage } from '@bridge/contracts';
import { MessageProducer, PermanentFailure } from '@bridge/kafka';
import { BridgeLogger, MetricsService } from '@bridge/observability';
import { TenantService } from '@bridge/tenancy';
import { mapUserToZoom } from './default-user-mapping.rules';
import { SWITCH_LABELS, governingSwitch } from './provisioning-switch.rules';

type UserChanged = TopicMessage<typeof Topics.scimUserChanged>;

/** Turns an Okta-side user change into the desired Zoom state, or says why it does not. */
@Injectable()
export class UserMappingService {
  private readonly decisions;

  constructor(
    private readonly tenants: TenantService,
    private readonly producer: MessageProducer,
    private readonly logger: BridgeLogger,
    metrics: MetricsService,
  ) {
    this.decisions = metrics.counter('mapping_decisions_total', 'User changes mapped, rejected or skipped', ['tenant', 'outcome']);
  }

  async mapUserChange(message: UserChanged): Promise<void> {
    const tenant = this.tenants.directory().get(message.tenantId);
    if (tenant === undefined) {
      throw new PermanentFailure('unknown-tenant', `tenant ${message.tenantId} is not in the tenant registry`);
    }
    const { change, user, userId, version } = message.data;
    const origin = { ...causedBy(message), id: derivedMessageId(message.id, 'mapping') };
    const key = resourceKey(message.tenantId, userId);

    const switchName = governingSwitch(change);
    if (!tenant.provisioning[switchName]) {
      await this.reject(message, key, origin, {
        outcome: 'skipped',
        rule: `provisioning.${switchName}`,
        attribute: null,
        value: null,
        reason: `"${SWITCH_LABELS[switchName]}" is turned off for this tenant, so this ${change} change was not sent to Zoom.`,
      });
      return;
    }

    if (change === 'deleted') {
      await this.producer.publish([
        {
          topic: Topics.zoomUserCommand,
          key,
          message: createMessage(Topics.zoomUserCommand, origin, {
            scimUserId: userId,
            userName: user.userName,
            sourceChange: change,
            sourceVersion: version,
            desired: { state: 'absent' },
          }),
        },
      ]);
      this.decisions.inc({ tenant: tenant.id, outcome: 'command' });
      return;
    }

    const outcome = mapUserToZoom(user);
    if (!outcome.ok) {
      await this.reject(message, key, origin, { outcome: 'rejected', rule: outcome.rule, attribute: outcome.attribute, value: outcome.value, reason: outcome.reason });
      return;
    }
    await this.producer.publish([
      {
        topic: Topics.zoomUserCommand,
        key,
        message: createMessage(Topics.zoomUserCommand, origin, {
          scimUserId: userId,
          userName: outcome.user['userName'] as string,
          sourceChange: change,
          sourceVersion: version,
          desired: { state: 'present', active: outcome.active, user: outcome.user },
        }),
      },
    ]);
    this.decisions.inc({ tenant: tenant.id, outcome: 'command' });
  }

  private async reject(
    message: UserChanged,
    key: string,
    origin: ReturnType<typeof causedBy> & { id: string },
    decision: { outcome: 'rejected' | 'skipped'; rule: string; attribute: string | null; value: string | null; reason: string },
  ): Promise<void> {
    this.logger.warn(`user change ${decision.outcome} by mapping`, { rule: decision.rule, userId: message.data.userId });
    await this.producer.publish([
      {
        topic: Topics.mappingUserRejected,
        key,
        message: createMessage(Topics.mappingUserRejected, origin, {
          scimUserId: message.data.userId,
          userName: message.data.user.userName,
          sourceChange: message.data.change,
          sourceVersion: message.data.version,
          ...decision,
        }),
      },
    ]);
    this.decisions.inc({ tenant: message.tenantId, outcome: decision.outcome });
  }
}
