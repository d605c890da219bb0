import { Injectable } from '@nestjs/common';
import { Topics, causedBy, createMessage, derivedMessageId, resourceKey, type MappingUserRejected, type TopicMessage, type ZoomUserCommand } from '@bridge/contracts';
import { MessageProducer, PermanentFailure, type OutgoingMessage } from '@bridge/kafka';
import { BridgeLogger, MetricsService } from '@bridge/observability';
import { TenantService } from '@bridge/tenancy';
import { MappingErrorCode, MappingException } from '../mapping-rules/mapping-rules.exception';
import { TenantMappingsService } from '../mapping-rules/tenant-mappings.service';
import { SWITCH_LABELS, governingSwitch } from './provisioning-switch.rules';
import { applyMapping } from './user-mapping.rules';

type UserChanged = TopicMessage<typeof Topics.scimUserChanged>;
type Decision = Pick<MappingUserRejected, 'outcome' | 'rule' | 'attribute' | 'value' | 'reason'>;

/** Turns an Okta-side user change into the desired Zoom state, or says why it does not. */
@Injectable()
export class UserMappingService {
  private readonly decisions;

  constructor(
    private readonly tenants: TenantService,
    private readonly mappings: TenantMappingsService,
    private readonly producer: MessageProducer,
    private readonly logger: BridgeLogger,
    metrics: MetricsService,
  ) {
    this.decisions = metrics.counter('mapping_decisions_total', 'User changes mapped, rejected or skipped', ['tenant', 'outcome']);
  }

  /**
   * Maps a partition batch of changes and publishes every decision in one produce request, in the
   * batch's order. A change that cannot be mapped at all (unknown tenant, broken rules) fails the
   * batch with a PermanentFailure; batch delivery then retries message by message, so only that
   * change is dead-lettered.
   */
  async mapUserChanges(messages: readonly UserChanged[]): Promise<void> {
    const decided = messages.map((message) => this.decide(message));
    await this.producer.publish(decided.flatMap((decision) => decision.outgoing));
    for (const { tenantId, outcome } of decided) {
      this.decisions.inc({ tenant: tenantId, outcome });
    }
  }

  private decide(message: UserChanged): { tenantId: string; outcome: string; outgoing: OutgoingMessage[] } {
    const tenant = this.tenants.directory().get(message.tenantId);
    if (tenant === undefined) {
      throw new PermanentFailure(MappingErrorCode.UNKNOWN_TENANT, `tenant ${message.tenantId} is not in the tenant registry`);
    }
    const { change, user } = message.data;
    const switchName = governingSwitch(change);
    if (!tenant.provisioning[switchName]) {
      return this.outgoing(message, [], {
        outcome: 'skipped',
        rule: `provisioning.${switchName}`,
        attribute: null,
        value: null,
        reason: `"${SWITCH_LABELS[switchName]}" is turned off for this tenant, so this ${change} change was not sent to Zoom.`,
      });
    }
    if (change === 'deleted') {
      return this.outgoing(message, [this.command(message, user.userName, { state: 'absent' }, 'mapping')]);
    }

    const outcome = applyMapping(this.mappingFor(tenant.id), user);
    if (outcome.ok) {
      const desired = { state: 'present' as const, active: outcome.active, user: outcome.user };
      return this.outgoing(message, [this.command(message, outcome.user['userName'] as string, desired, 'mapping')]);
    }
    const { rule, attribute, value, reason } = outcome.rejection;
    if (change === 'deactivated') {
      // Removing Zoom access must not wait for a profile problem to be fixed in Okta.
      const absent = this.command(message, user.userName, { state: 'absent' }, 'mapping-deactivation');
      return this.outgoing(message, [absent], { outcome: 'rejected', rule, attribute, value, reason: `${reason} The deactivation was still sent to Zoom.` });
    }
    return this.outgoing(message, [], { outcome: 'rejected', rule, attribute, value, reason });
  }

  private mappingFor(tenantId: string): ReturnType<TenantMappingsService['forTenant']> {
    try {
      return this.mappings.forTenant(tenantId);
    } catch (error) {
      throw error instanceof MappingException ? toFailure(error) : error;
    }
  }

  private command(message: UserChanged, userName: string, desired: ZoomUserCommand['desired'], purpose: string): OutgoingMessage {
    const { change, userId, version } = message.data;
    return {
      topic: Topics.zoomUserCommand,
      key: resourceKey(message.tenantId, userId),
      message: createMessage(
        Topics.zoomUserCommand,
        { ...causedBy(message), id: derivedMessageId(message.id, purpose) },
        { scimUserId: userId, userName, sourceChange: change, sourceVersion: version, desired },
      ),
    };
  }

  private outgoing(message: UserChanged, commands: OutgoingMessage[], decision?: Decision): { tenantId: string; outcome: string; outgoing: OutgoingMessage[] } {
    const { change, userId, version, user } = message.data;
    const outgoing = [...commands];
    if (decision !== undefined) {
      this.logger.warn(`user change ${decision.outcome} by mapping`, { rule: decision.rule, attribute: decision.attribute, userId });
      outgoing.push({
        topic: Topics.mappingUserRejected,
        key: resourceKey(message.tenantId, userId),
        message: createMessage(
          Topics.mappingUserRejected,
          { ...causedBy(message), id: derivedMessageId(message.id, 'mapping') },
          { scimUserId: userId, userName: user.userName, sourceChange: change, sourceVersion: version, ...decision },
        ),
      });
    }
    return { tenantId: message.tenantId, outcome: decision?.outcome ?? 'command', outgoing };
  }
}

/** The one place mapping's exception codes become consumer behaviour. */
function toFailure(error: MappingException): PermanentFailure {
  switch (error.code) {
    case MappingErrorCode.INVALID_RULES:
    case MappingErrorCode.RULES_UNAVAILABLE:
    case MappingErrorCode.UNKNOWN_TENANT:
      // Dead-lettered, so the change can be replayed once the registry is fixed.
      return new PermanentFailure(error.code, error.message);
  }
}
