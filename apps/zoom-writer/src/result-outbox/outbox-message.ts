import type { Envelope } from '@bridge/contracts';
import type { EntityManager } from 'typeorm';

/** A message to publish once the transaction that decided it commits. */
export interface OutboxMessage {
  topic: string;
  key: string;
  message: Envelope<unknown>;
}

export async function insertOutbox(manager: EntityManager, messages: readonly OutboxMessage[]): Promise<void> {
  if (messages.length === 0) {
    return;
  }
  await manager.query(
    `INSERT INTO "zoom_writer"."outbox" (topic, message_key, message)
     SELECT * FROM unnest($1::text[], $2::text[], $3::jsonb[])`,
    [messages.map((m) => m.topic), messages.map((m) => m.key), messages.map((m) => JSON.stringify(m.message))],
  );
}
