import type { EntityManager } from 'typeorm';

/**
 * Records that a message was handled, in the caller's transaction. Returns false when it
 * was handled before: at-least-once delivery then applies each message once.
 * Every consuming service has a `processed_message` table in its own schema.
 */
export async function claimMessage(manager: EntityManager, schema: string, messageId: string, topic: string): Promise<boolean> {
  const rows: unknown[] = await manager.query(
    `INSERT INTO "${schema}"."processed_message" (message_id, topic) VALUES ($1, $2)
     ON CONFLICT (message_id) DO NOTHING RETURNING message_id`,
    [messageId, topic],
  );
  return rows.length === 1;
}

/** SQL for a migration that creates the table `claimMessage` needs. */
export function processedMessageTableSql(schema: string): string {
  return `CREATE TABLE "${schema}"."processed_message" (
    message_id uuid PRIMARY KEY,
    topic text NOT NULL,
    processed_at timestamptz NOT NULL DEFAULT now()
  )`;
}
