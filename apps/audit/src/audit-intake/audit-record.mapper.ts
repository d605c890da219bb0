import { Topics, type Envelope, type MessageData, type TopicName } from '@bridge/contracts';
import { redactSecrets } from '@bridge/observability';

export type AuditOutcome = 'success' | 'failure' | 'skipped' | 'pending';

/** One normalised audit record per message, whatever topic it came from. */
export interface AuditRecord {
  id: string;
  tenantId: string;
  occurredAt: Date;
  eventType: string;
  topic: string;
  actorType: string;
  actorId: string;
  targetType: string | null;
  targetId: string | null;
  targetName: string | null;
  outcome: AuditOutcome;
  reason: string | null;
  correlationId: string;
  causationId: string | null;
  details: unknown;
}

const USER_CHANGE_EVENTS: Record<MessageData<typeof Topics.scimUserChanged>['change'], string> = {
  created: 'user.create.requested',
  replaced: 'user.update.requested',
  patched: 'user.update.requested',
  deactivated: 'user.deactivate.requested',
  reactivated: 'user.reactivate.requested',
  deleted: 'user.delete.requested',
};

const GROUP_CHANGE_EVENTS: Record<MessageData<typeof Topics.scimGroupChanged>['changes'][number], string> = {
  created: 'group.create.requested',
  renamed: 'group.rename.requested',
  'members-added': 'group.member.added',
  'members-removed': 'group.member.removed',
  'members-replaced': 'group.members.replaced',
  deleted: 'group.delete.requested',
};

/** Maps a validated message of any topic to its audit record (details redacted). */
export function toAuditRecord(topic: TopicName, message: Envelope<unknown>): AuditRecord {
  const base = {
    id: message.id,
    tenantId: message.tenantId,
    occurredAt: new Date(message.occurredAt),
    topic,
    correlationId: message.correlationId,
    causationId: message.causationId,
    details: redactSecrets(message.data),
  };
  switch (topic) {
    case Topics.scimUserChanged: {
      const data = message.data as MessageData<typeof Topics.scimUserChanged>;
      return { ...base, eventType: USER_CHANGE_EVENTS[data.change], actorType: 'okta', actorId: 'okta-ingest', targetType: 'user', targetId: data.userId, targetName: data.user.userName, outcome: 'success', reason: null };
    }
    case Topics.scimGroupChanged: {
      const data = message.data as MessageData<typeof Topics.scimGroupChanged>;
      return { ...base, eventType: GROUP_CHANGE_EVENTS[data.changes[0]], actorType: 'okta', actorId: 'okta-ingest', targetType: 'group', targetId: data.groupId, targetName: data.displayName, outcome: 'success', reason: null };
    }
    case Topics.zoomUserCommand: {
      const data = message.data as MessageData<typeof Topics.zoomUserCommand>;
      return { ...base, eventType: 'zoom.user.sync.requested', actorType: 'service', actorId: 'mapping', targetType: 'user', targetId: data.scimUserId, targetName: data.userName, outcome: 'pending', reason: null };
    }
    case Topics.zoomGroupCommand: {
      const data = message.data as MessageData<typeof Topics.zoomGroupCommand>;
      const name = data.desired.state === 'present' ? data.desired.displayName : null;
      return { ...base, eventType: 'zoom.group.sync.requested', actorType: 'service', actorId: 'group-push', targetType: 'group', targetId: data.scimGroupId, targetName: name, outcome: 'pending', reason: null };
    }
    case Topics.zoomCallResult: {
      const data = message.data as MessageData<typeof Topics.zoomCallResult>;
      return {
        ...base,
        eventType: zoomResultEvent(data),
        actorType: 'service',
        actorId: 'zoom-writer',
        targetType: data.subject.type,
        targetId: data.subject.scimId,
        targetName: data.subject.userName ?? data.subject.displayName ?? null,
        outcome: data.outcome === 'succeeded' ? 'success' : data.outcome === 'skipped' ? 'skipped' : 'failure',
        reason: data.reason === undefined ? null : `${data.reason.code}: ${data.reason.message}`,
      };
    }
    case Topics.mappingUserRejected: {
      const data = message.data as MessageData<typeof Topics.mappingUserRejected>;
      return { ...base, eventType: `mapping.${data.outcome}`, actorType: 'service', actorId: 'mapping', targetType: 'user', targetId: data.scimUserId, targetName: data.userName, outcome: data.outcome === 'skipped' ? 'skipped' : 'failure', reason: data.reason };
    }
    case Topics.ingestRequestLogged: {
      const data = message.data as MessageData<typeof Topics.ingestRequestLogged>;
      return {
        ...base,
        eventType: 'scim.request',
        actorType: 'okta-token',
        actorId: data.tokenId ?? 'anonymous',
        targetType: data.resourceType === 'Other' ? null : data.resourceType.toLowerCase(),
        targetId: data.resourceId,
        targetName: null,
        outcome: data.status < 400 ? 'success' : 'failure',
        reason: data.detail,
      };
    }
    case Topics.deadLetter: {
      const data = message.data as MessageData<typeof Topics.deadLetter>;
      return { ...base, eventType: 'message.deadlettered', actorType: 'service', actorId: data.consumerGroup, targetType: 'message', targetId: data.originalMessageId, targetName: data.originalTopic, outcome: 'failure', reason: `${data.reason.code}: ${data.reason.message}` };
    }
  }
}

// e.g. create-user + succeeded → zoom.user.created; update-user + failed → zoom.user.update.failed
function zoomResultEvent(data: MessageData<typeof Topics.zoomCallResult>): string {
  const verb = data.operation.split('+')[0].replace(/-(user|group)$/, '');
  const subject = `zoom.${data.subject.type}`;
  switch (data.outcome) {
    case 'succeeded':
      return verb === 'none' ? `${subject}.unchanged` : `${subject}.${verb.endsWith('e') ? `${verb}d` : `${verb}ed`}`;
    case 'failed':
      return `${subject}.${verb}.failed`;
    case 'dead-lettered':
      return `${subject}.${verb}.deadlettered`;
    case 'skipped':
      return `${subject}.${verb}.skipped`;
  }
}
