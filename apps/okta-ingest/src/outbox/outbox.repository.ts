import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { returnedRows } from '@bridge/database';
import type { OutgoingMessage } from '@bridge/kafka';
import { SqlParameters } from '../scim-query/filter-sql.model';

export interface PendingOutboxMessage extends OutgoingMessage {
  seq: string;
}

/** The outbox table: written inside the caller's transaction, drained in `seq` order by the relay. */
@Injectable()
export class OutboxRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async append(manager: EntityManager, messages: readonly OutgoingMessage[]): Promise<void> {
    if (messages.length === 0) {
      return;
    }
    await manager.query(
      `INSERT INTO "ingest"."outbox_message" (topic, message_key, message)
       SELECT * FROM unnest($1::text[], $2::text[], $3::jsonb[])`,
      [messages.map((m) => m.topic), messages.map((m) => m.key), messages.map((m) => JSON.stringify(m.message))],
    );
  }

  /**
   * A change and its messages as ONE statement (one round trip, atomic on its own or inside the
   * caller's transaction): `changes` are data-modifying CTEs written with `params`, and the
   * messages are appended only when the CTE named `gate` returned a row. Returns how many rows
   * `gate` returned, so the caller can tell "applied" from "nothing matched".
   */
  async writeWithMessages(
    manager: EntityManager,
    params: SqlParameters,
    changes: Readonly<Record<string, string>>,
    gate: string,
    messages: readonly OutgoingMessage[],
  ): Promise<number> {
    const ctes = Object.entries(changes).map(([name, sql]) => `${name} AS (${sql})`);
    if (messages.length > 0) {
      ctes.push(
        `outbox AS (INSERT INTO "ingest"."outbox_message" (topic, message_key, message)
         SELECT * FROM unnest(${params.add(messages.map((m) => m.topic))}::text[], ${params.add(messages.map((m) => m.key))}::text[],
                              ${params.add(messages.map((m) => JSON.stringify(m.message)))}::jsonb[])
         WHERE EXISTS (SELECT 1 FROM ${gate}))`,
      );
    }
    const [{ applied }] = await manager.query<[{ applied: number }]>(`WITH ${ctes.join(',\n')} SELECT count(*)::int AS applied FROM ${gate}`, params.values);
    return applied;
  }

  /**
   * Runs `publish` over the oldest pending messages while holding a transaction-scoped advisory
   * lock, so that only one relay (across replicas) publishes at a time and order is kept.
   * Three round trips: BEGIN; one statement that takes the lock and deletes the batch, returning
   * it; COMMIT once published. A failed publish rolls the delete back, so the batch stays.
   * Returns how many were published (0 also when another relay holds the lock).
   */
  async drain(limit: number, publish: (messages: PendingOutboxMessage[]) => Promise<void>): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      // Exactly the rows this snapshot sees: a transaction holding a lower seq that commits
      // meanwhile keeps its row for the next drain (see docs/architecture.md, Outbox).
      const deleted = returnedRows<{ seq: string; topic: string; message_key: string; message: OutgoingMessage['message'] }>(
        await manager.query(
          `WITH relay AS (SELECT pg_try_advisory_xact_lock(hashtext('ingest.outbox_relay')) AS locked)
           DELETE FROM "ingest"."outbox_message"
           WHERE (SELECT locked FROM relay) AND seq IN (SELECT seq FROM "ingest"."outbox_message" ORDER BY seq LIMIT $1)
           RETURNING seq, topic, message_key, message`,
          [limit],
        ),
      );
      if (deleted.length === 0) {
        return 0;
      }
      const rows = deleted.sort((a, b) => (BigInt(a.seq) < BigInt(b.seq) ? -1 : 1));
      await publish(rows.map((row) => ({ seq: row.seq, topic: row.topic, key: row.message_key, message: row.message })));
      return rows.length;
    });
  }

  async pendingCount(): Promise<number> {
    const [{ count }] = await this.dataSource.query<[{ count: number }]>(`SELECT count(*)::int AS count FROM "ingest"."outbox_message"`);
    return count;
  }
}
