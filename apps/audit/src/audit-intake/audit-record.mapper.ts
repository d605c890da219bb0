import { Topics, type Envelope, type MessageData, type TopicName } from '@bridge/contracts';
import { redactSecrets } from '@bridge/observability';
import type { AuditOutcome, AuditTarget, NewAuditRecord } from '../audit-store/audit-record';

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

type Normalised = Pick<NewAuditRecord, 'eventType' | 'actor' | 'targets' | 'outcome' | 'reason'>;

/** Maps a validated message of any topic to its audit record (details redacted). */
export function toAuditRecord(topic: TopicName, message: Envelope<unknown>): NewAuditRecord {
  return {
    id: message.id,
    tenantId: message.tenantId,
    occurredAt: new Date(message.occurredAt),
    topic,
    correlationId: message.correlationId,
    causationId: message.causationId,
    details: redactSecrets(message.data),
    ...normalise(topic, message.data),
  };
}

function normalise(topic: TopicName, payload: unknown): Normalised {
  switch (topic) {
    case Topics.scimUserChanged: {
      const data = payload as MessageData<typeof Topics.scimUserChanged>;
      return { eventType: USER_CHANGE_EVENTS[data.change], actor: OKTA, targets: [user(data.userId, data.user.userName)], outcome: 'success', reason: null };
    }
    case Topics.scimGroupChanged: {
      const data = payload as MessageData<typeof Topics.scimGroupChanged>;
      const members = [...data.added, ...data.removed].map((id) => user(id));
      return { eventType: GROUP_CHANGE_EVENTS[data.changes[0]], actor: OKTA, targets: [group(data.groupId, data.displayName), ...members], outcome: 'success', reason: null };
    }
    case Topics.zoomUserCommand: {
      const data = payload as MessageData<typeof Topics.zoomUserCommand>;
      return { eventType: 'zoom.user.sync.requested', actor: service('mapping'), targets: [user(data.scimUserId, data.userName)], outcome: 'pending', reason: null };
    }
    case Topics.zoomGroupCommand: {
      const data = payload as MessageData<typeof Topics.zoomGroupCommand>;
      const name = data.desired.state === 'present' ? data.desired.displayName : undefined;
      return { eventType: 'zoom.group.sync.requested', actor: service('group-push'), targets: [group(data.scimGroupId, name)], outcome: 'pending', reason: null };
    }
    case Topics.zoomCallResult: {
      const data = payload as MessageData<typeof Topics.zoomCallResult>;
      const subject = data.subject.type === 'user' ? user(data.subject.scimId, data.subject.userName) : group(data.subject.scimId, data.subject.displayName);
      return {
        eventType: zoomResultEvent(data),
        actor: service('zoom-writer'),
        targets: [subject],
        outcome: ZOOM_OUTCOMES[data.outcome],
        reason: data.reason === undefined ? null : `${data.reason.code}: ${data.reason.message}`,
      };
    }
    case Topics.mappingUserRejected: {
      const data = payload as MessageData<typeof Topics.mappingUserRejected>;
      return { eventType: `mapping.${data.outcome}`, actor: service('mapping'), targets: [user(data.scimUserId, data.userName)], outcome: data.outcome === 'skipped' ? 'skipped' : 'failure', reason: data.reason };
    }
    case Topics.ingestRequestLogged: {
      const data = payload as MessageData<typeof Topics.ingestRequestLogged>;
      const targets: AuditTarget[] = data.resourceType === 'Other' ? [] : [{ type: data.resourceType.toLowerCase(), id: data.resourceId }];
      return { eventType: 'scim.request', actor: { type: 'okta-token', id: data.tokenId ?? 'anonymous' }, targets, outcome: data.status < 400 ? 'success' : 'failure', reason: data.detail };
    }
    case Topics.deadLetter: {
      const data = payload as MessageData<typeof Topics.deadLetter>;
      const subject = subjectOfKey(data.key);
      const targets: AuditTarget[] = [{ type: 'message', id: data.originalMessageId, displayName: data.originalTopic }, ...(subject === undefined ? [] : [{ type: 'resource', id: subject }])];
      return { eventType: 'message.deadlettered', actor: service(data.consumerGroup), targets, outcome: 'failure', reason: `${data.reason.code}: ${data.reason.message}` };
    }
  }
}

const OKTA = { type: 'okta', id: 'okta-ingest' };
const ZOOM_OUTCOMES: Record<MessageData<typeof Topics.zoomCallResult>['outcome'], AuditOutcome> = {
  succeeded: 'success',
  failed: 'failure',
  'dead-lettered': 'failure',
  skipped: 'skipped',
};

function service(id: string): { type: string; id: string } {
  return { type: 'service', id };
}

function user(id: string, userName?: string): AuditTarget {
  return userName === undefined ? { type: 'user', id } : { type: 'user', id, userName };
}

function group(id: string, displayName?: string): AuditTarget {
  return displayName === undefined ? { type: 'group', id } : { type: 'group', id, displayName };
}

// Dead letters keep the original key (`tenant:resourceId`), which names the user or group concerned.
function subjectOfKey(key: string | null): string | undefined {
  const separator = key?.indexOf(':') ?? -1;
  return key === null || separator < 0 || separator === key.length - 1 ? undefined : key.slice(separator + 1);
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
