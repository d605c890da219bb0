import type { Topics, TopicMessage } from '@bridge/contracts';

export type UserCommandMessage = TopicMessage<typeof Topics.zoomUserCommand>;

/** A user command waiting in the tenant's durable queue. */
export interface QueuedCommand {
  seq: number;
  tenantId: string;
  scimUserId: string;
  sourceVersion: number;
  priority: number;
  message: UserCommandMessage;
  /** Times it was handed to Zoom so far, this one included once claimed. */
  attempts: number;
  sourcePartition: number;
  sourceOffset: string;
}

export interface QueuedCommandRow {
  seq: string;
  tenant_id: string;
  scim_user_id: string;
  source_version: number;
  priority: number;
  message: UserCommandMessage;
  attempts: number;
  source_partition: number;
  source_offset: string;
}

export function toQueuedCommand(row: QueuedCommandRow): QueuedCommand {
  return {
    seq: Number(row.seq),
    tenantId: row.tenant_id,
    scimUserId: row.scim_user_id,
    sourceVersion: row.source_version,
    priority: row.priority,
    message: row.message,
    attempts: row.attempts,
    sourcePartition: row.source_partition,
    sourceOffset: row.source_offset,
  };
}
