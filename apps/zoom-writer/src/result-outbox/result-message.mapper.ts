import { Topics, causedBy, createMessage, derivedMessageId, resourceKey, type ZoomCallResult } from '@bridge/contracts';
import type { QueuedCommand, UserCommandMessage } from '../command-queue/queued-command';
import type { OutboxMessage } from './outbox-message';

export type ResultBody = Omit<ZoomCallResult, 'commandId' | 'subject'>;

/**
 * A result for a command. Its id derives from the command and `purpose`, so redoing a command
 * after a crash produces the same id and the audit keeps one record.
 */
export function resultMessage(command: UserCommandMessage, purpose: string, body: ResultBody): OutboxMessage {
  const data: ZoomCallResult = {
    commandId: command.id,
    subject: { type: 'user', scimId: command.data.scimUserId, userName: command.data.userName },
    ...body,
  };
  return {
    topic: Topics.zoomCallResult,
    key: resourceKey(command.tenantId, command.data.scimUserId),
    message: createMessage(Topics.zoomCallResult, { ...causedBy(command), id: derivedMessageId(command.id, purpose) }, data),
  };
}

/** Older commands of the user that a newer one made unnecessary: recorded as skipped, never run. */
export function supersededResults(superseded: readonly UserCommandMessage[], by: UserCommandMessage): OutboxMessage[] {
  return superseded.map((older) =>
    resultMessage(older, 'result', {
      outcome: 'skipped',
      operation: 'none',
      calls: [],
      reason: { code: 'superseded', message: `superseded by version ${by.data.sourceVersion} (command ${by.id}) before it ran` },
    }),
  );
}

/** The platform-wide dead-letter record, so audit and operators see it like any other consumer's. */
export function deadLetterNotice(command: QueuedCommand, consumerGroup: string, reason: { code: string; message: string }): OutboxMessage {
  const message = command.message;
  return {
    topic: Topics.deadLetter,
    key: resourceKey(command.tenantId, command.scimUserId),
    message: createMessage(
      Topics.deadLetter,
      { ...causedBy(message), id: derivedMessageId(message.id, `dead-letter:${command.attempts}`) },
      {
        originalTopic: Topics.zoomUserCommand,
        partition: command.sourcePartition,
        offset: command.sourceOffset,
        key: resourceKey(command.tenantId, command.scimUserId),
        originalMessageId: message.id,
        consumerGroup,
        reason,
        attempts: Math.max(1, command.attempts),
        originalValue: JSON.stringify(message),
      },
    ),
  };
}
