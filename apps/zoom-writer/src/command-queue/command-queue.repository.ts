import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { Topics } from '@bridge/contracts';
import { returnedRows } from '@bridge/database';
import { insertOutbox, type OutboxMessage } from '../result-outbox/outbox-message';
import type { LinkedZoomUser } from '../user-sync/zoom-user-sync.service';
import { commandPriority } from './command-priority.rules';
import { toQueuedCommand, type QueuedCommand, type QueuedCommandRow, type UserCommandMessage } from './queued-command';

const COLUMNS = 'seq, tenant_id, scim_user_id, source_version, priority, message, attempts, source_partition, source_offset';

/** What the bridge last applied to Zoom for a user. */
export type StoredLink = LinkedZoomUser & { appliedVersion: number };

export interface ClaimedCommand extends QueuedCommand {
  /** An earlier attempt of this command, or of one it supersedes, may have reached Zoom. */
  mayHaveReachedZoom: boolean;
  /** Read with the claim: the user's link to Zoom, if any. */
  link: StoredLink | undefined;
  /**
   * Read with the claim: the older commands of the same user that this one supersedes (Kafka
   * delivers a user's commands in order, so no older one arrives after it).
   */
  superseded: { seq: number; message: UserCommandMessage }[];
}

interface LinkRow {
  zoom_user_id: string;
  active: boolean;
  applied_attributes: Record<string, unknown> | null;
  applied_version: number;
}

export interface DeadLetterRecord {
  id: string;
  code: string;
  message: string;
  calls: unknown[];
}

/** The durable per-tenant queue of user commands (`zoom_writer.user_command`). */
@Injectable()
export class CommandQueueRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Stores a partition batch of commands in one statement, skipping messages seen before, in the
   * batch's order (which is the queue's arrival order). Returns how many were new.
   */
  async enqueueBatch(commands: readonly { message: UserCommandMessage; partition: number; offset: string }[]): Promise<number> {
    if (commands.length === 0) {
      return 0;
    }
    const rows: unknown[] = await this.dataSource.query(
      `WITH input AS (
         SELECT DISTINCT ON (message_id) *
         FROM unnest($2::uuid[], $3::text[], $4::text[], $5::int[], $6::smallint[], $7::jsonb[], $8::int[], $9::text[])
              WITH ORDINALITY AS t(message_id, tenant_id, scim_user_id, source_version, priority, message, source_partition, source_offset, ord)
         ORDER BY message_id, ord
       ), claimed AS (
         INSERT INTO "zoom_writer"."processed_message" (message_id, topic) SELECT message_id, $1 FROM input
         ON CONFLICT (message_id) DO NOTHING RETURNING message_id
       )
       INSERT INTO "zoom_writer"."user_command" (message_id, tenant_id, scim_user_id, source_version, priority, message, source_partition, source_offset)
       SELECT i.message_id, i.tenant_id, i.scim_user_id, i.source_version, i.priority, i.message, i.source_partition, i.source_offset
       FROM input i JOIN claimed c ON c.message_id = i.message_id
       ORDER BY i.ord
       RETURNING seq`,
      [
        Topics.zoomUserCommand,
        commands.map(({ message }) => message.id),
        commands.map(({ message }) => message.tenantId),
        commands.map(({ message }) => message.data.scimUserId),
        commands.map(({ message }) => message.data.sourceVersion),
        commands.map(({ message }) => commandPriority(message.data)),
        commands.map(({ message }) => JSON.stringify(message)),
        commands.map(({ partition }) => partition),
        commands.map(({ offset }) => offset),
      ],
    );
    return rows.length;
  }

  /**
   * The next commands to run for a tenant: per user only the newest (the others are superseded),
   * none for users already running or waiting for a retry, revocations first, then by arrival.
   * Read in that order through `user_command_ready` and stopped at the limit, so a refill costs
   * about what it returns, whatever the backlog. The limit is written into the text (it comes from
   * the lane's concurrency, never from a request) so the prepared plan knows it is small.
   */
  async nextReady(tenantId: string, busyUsers: readonly string[], limit: number): Promise<QueuedCommand[]> {
    const rows: QueuedCommandRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM "zoom_writer"."user_command" c
       WHERE c.tenant_id = $1
         AND (c.not_before IS NULL OR c.not_before <= now())
         AND NOT (c.scim_user_id = ANY($2::text[]))
         AND NOT EXISTS (
           SELECT 1 FROM "zoom_writer"."user_command" n
           WHERE n.tenant_id = c.tenant_id AND n.scim_user_id = c.scim_user_id
             AND (n.source_version > c.source_version OR (n.source_version = c.source_version AND n.seq > c.seq))
         )
       ORDER BY c.priority, c.seq LIMIT ${Math.max(1, Math.trunc(limit))}`,
      [tenantId, busyUsers],
    );
    return rows.map(toQueuedCommand);
  }

  /** When the tenant's earliest deferred command becomes due, if any. */
  async nextDueAt(tenantId: string): Promise<number | undefined> {
    const rows: { due: Date | null }[] = await this.dataSource.query(
      `SELECT min(not_before) AS due FROM "zoom_writer"."user_command" WHERE tenant_id = $1 AND not_before > now()`,
      [tenantId],
    );
    return rows[0]?.due?.getTime() ?? undefined;
  }

  /**
   * Counts the attempt before Zoom is called, so a crash after the call is known on the next try.
   * The same statement reads what the command needs next: the user's link to Zoom and the older
   * commands it supersedes.
   */
  async claim(command: QueuedCommand): Promise<ClaimedCommand | undefined> {
    const rows = returnedRows<{ attempts: number; others_attempted: boolean; link: LinkRow | null; superseded: { seq: number; message: UserCommandMessage }[] }>(
      await this.dataSource.query(
        `UPDATE "zoom_writer"."user_command" c SET attempts = c.attempts + 1
         WHERE seq = $1
         RETURNING c.attempts,
           EXISTS (
             SELECT 1 FROM "zoom_writer"."user_command" o
             WHERE o.tenant_id = c.tenant_id AND o.scim_user_id = c.scim_user_id AND o.seq <> c.seq AND o.attempts > 0
           ) AS others_attempted,
           (SELECT json_build_object('zoom_user_id', l.zoom_user_id, 'active', l.active, 'applied_attributes', l.applied_attributes, 'applied_version', l.applied_version)
              FROM "zoom_writer"."user_link" l WHERE l.tenant_id = c.tenant_id AND l.scim_user_id = c.scim_user_id) AS link,
           (SELECT coalesce(json_agg(json_build_object('seq', o.seq, 'message', o.message) ORDER BY o.seq), '[]'::json)
              FROM "zoom_writer"."user_command" o
              WHERE o.tenant_id = c.tenant_id AND o.scim_user_id = c.scim_user_id AND o.seq <> c.seq
                AND (o.source_version < c.source_version OR (o.source_version = c.source_version AND o.seq < c.seq))) AS superseded`,
        [command.seq],
      ),
    );
    const row = rows[0];
    if (row === undefined) {
      return undefined;
    }
    return {
      ...command,
      attempts: row.attempts,
      mayHaveReachedZoom: row.attempts > 1 || row.others_attempted,
      link: row.link === null ? undefined : toStoredLink(row.link),
      superseded: row.superseded.map((entry) => ({ seq: Number(entry.seq), message: entry.message })),
    };
  }

  /**
   * Finishes a claimed command in one statement: the id map, the removal of the command and of the
   * older ones it superseded (by primary key alone: with the tenant in the condition too, a
   * prepared generic plan intersected the tenant's whole index with the keys, 1.3 ms per finish),
   * and the results to publish.
   */
  async finish(command: ClaimedCommand, link: LinkedZoomUser | undefined, results: (superseded: UserCommandMessage[]) => OutboxMessage[]): Promise<void> {
    const { superseded } = command;
    const messages = results(superseded.map((entry) => entry.message));
    const params: unknown[] = [
      [command.seq, ...superseded.map((entry) => entry.seq)],
      messages.map((m) => m.topic),
      messages.map((m) => m.key),
      messages.map((m) => JSON.stringify(m.message)),
    ];
    let linked = '';
    if (link !== undefined) {
      linked = `, linked AS (
           INSERT INTO "zoom_writer"."user_link" (tenant_id, scim_user_id, zoom_user_id, user_name, active, applied_version, applied_attributes, updated_at)
           VALUES ($5, $6, $7, $8, $9, $10, $11, now())
           ON CONFLICT (tenant_id, scim_user_id) DO UPDATE SET zoom_user_id = EXCLUDED.zoom_user_id, user_name = EXCLUDED.user_name,
             active = EXCLUDED.active, applied_version = GREATEST("user_link".applied_version, EXCLUDED.applied_version),
             applied_attributes = EXCLUDED.applied_attributes, updated_at = now()
           RETURNING 1
         )`;
      params.push(
        command.tenantId,
        command.scimUserId,
        link.zoomUserId,
        command.message.data.userName,
        link.active,
        command.sourceVersion,
        link.appliedAttributes === null ? null : JSON.stringify(link.appliedAttributes),
      );
    }
    await this.dataSource.query(
      `WITH removed AS (
         DELETE FROM "zoom_writer"."user_command" WHERE seq = ANY($1::bigint[]) RETURNING seq
       )${linked}, published AS (
         INSERT INTO "zoom_writer"."outbox" (topic, message_key, message) SELECT * FROM unnest($2::text[], $3::text[], $4::jsonb[]) RETURNING 1
       )
       SELECT (SELECT count(*) FROM removed)::int AS removed`,
      params,
    );
  }

  /** Puts a command back with a retry time; records the reason for the user's timeline. */
  async defer(command: QueuedCommand, notBefore: Date | null, reason: string, results: OutboxMessage[]): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query(`UPDATE "zoom_writer"."user_command" SET not_before = $2, last_error = $3 WHERE seq = $1`, [command.seq, notBefore, reason]);
      await insertOutbox(manager, results);
    });
  }

  /** Moves a command (and the older ones it superseded) aside for good, until replayed. */
  async deadLetter(command: QueuedCommand, letter: DeadLetterRecord, results: (superseded: UserCommandMessage[]) => OutboxMessage[]): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO "zoom_writer"."dead_letter" (id, tenant_id, scim_user_id, message_id, message, reason_code, reason_message, calls, attempts)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [letter.id, command.tenantId, command.scimUserId, command.message.id, JSON.stringify(command.message), letter.code, letter.message, JSON.stringify(letter.calls), command.attempts],
      );
      const superseded = await removeWithSuperseded(manager, command);
      await insertOutbox(manager, results(superseded));
    });
  }

  async backlog(tenantId: string): Promise<number> {
    const rows: { count: string }[] = await this.dataSource.query(`SELECT count(*) AS count FROM "zoom_writer"."user_command" WHERE tenant_id = $1`, [tenantId]);
    return Number(rows[0]?.count ?? 0);
  }
}

function toStoredLink(row: LinkRow): StoredLink {
  return { zoomUserId: row.zoom_user_id, active: row.active, appliedAttributes: row.applied_attributes, appliedVersion: row.applied_version };
}

/** Deletes the command and every older one of the same user (superseded); returns those older ones. */
async function removeWithSuperseded(manager: EntityManager, command: QueuedCommand): Promise<UserCommandMessage[]> {
  const rows = returnedRows<{ seq: string; message: UserCommandMessage }>(await manager.query(
    `DELETE FROM "zoom_writer"."user_command"
     WHERE tenant_id = $1 AND scim_user_id = $2 AND (seq = $3 OR source_version < $4 OR (source_version = $4 AND seq < $3))
     RETURNING seq, message`,
    [command.tenantId, command.scimUserId, command.seq, command.sourceVersion],
  ));
  return rows.filter((row) => Number(row.seq) !== command.seq).map((row) => row.message);
}
