import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { commandPriority } from '../command-queue/command-priority.rules';
import type { UserCommandMessage } from '../command-queue/queued-command';
import { TenantLanesService } from '../tenant-lanes/tenant-lanes.service';
import { DeadLetterErrorCode, DeadLetterException } from './dead-letter.exception';

export interface DeadLetterView {
  id: string;
  tenantId: string;
  scimUserId: string;
  userName: string;
  messageId: string;
  sourceVersion: number;
  reason: { code: string; message: string };
  attempts: number;
  calls: unknown[];
  createdAt: string;
  replayedAt: string | null;
}

interface DeadLetterRow {
  id: string;
  tenant_id: string;
  scim_user_id: string;
  message_id: string;
  message: UserCommandMessage;
  reason_code: string;
  reason_message: string;
  attempts: number;
  calls: unknown[];
  created_at: Date;
  replayed_at: Date | null;
}

/** Commands Zoom refused for good, kept until the cause is fixed and they are replayed. */
@Injectable()
export class DeadLettersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly lanes: TenantLanesService,
  ) {}

  async list(tenantId: string, includeReplayed: boolean): Promise<DeadLetterView[]> {
    const rows: DeadLetterRow[] = await this.dataSource.query(
      `SELECT * FROM "zoom_writer"."dead_letter" WHERE tenant_id = $1 AND ($2 OR replayed_at IS NULL) ORDER BY created_at, id LIMIT 1000`,
      [tenantId, includeReplayed],
    );
    return rows.map(toView);
  }

  /** Puts one dead letter back in its tenant's queue; a newer applied version still makes it a skip. */
  async replay(id: string): Promise<DeadLetterView> {
    const replayed = await this.dataSource.transaction(async (manager) => {
      const rows: DeadLetterRow[] = await manager.query(`SELECT * FROM "zoom_writer"."dead_letter" WHERE id = $1 FOR UPDATE`, [id]);
      const row = rows[0];
      if (row === undefined) {
        throw new DeadLetterException(DeadLetterErrorCode.NOT_FOUND, `no dead letter ${id}`);
      }
      if (row.replayed_at !== null) {
        throw new DeadLetterException(DeadLetterErrorCode.ALREADY_REPLAYED, `dead letter ${id} was replayed at ${row.replayed_at.toISOString()}`);
      }
      return requeue(manager, [row]);
    });
    this.lanes.wake(replayed[0].tenantId, false);
    return replayed[0];
  }

  async replayTenant(tenantId: string): Promise<DeadLetterView[]> {
    const replayed = await this.dataSource.transaction(async (manager) => {
      const rows: DeadLetterRow[] = await manager.query(
        `SELECT * FROM "zoom_writer"."dead_letter" WHERE tenant_id = $1 AND replayed_at IS NULL ORDER BY created_at, id FOR UPDATE`,
        [tenantId],
      );
      return requeue(manager, rows);
    });
    this.lanes.wake(tenantId, false);
    return replayed;
  }
}

async function requeue(manager: EntityManager, rows: DeadLetterRow[]): Promise<DeadLetterView[]> {
  for (const row of rows) {
    // Back under its own message id, so it keeps its place in the user's version order.
    const message = row.message;
    await manager.query(
      `INSERT INTO "zoom_writer"."user_command" (message_id, tenant_id, scim_user_id, source_version, priority, message)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (message_id) DO NOTHING`,
      [message.id, row.tenant_id, row.scim_user_id, message.data.sourceVersion, commandPriority(message.data), JSON.stringify(message)],
    );
    await manager.query(`UPDATE "zoom_writer"."dead_letter" SET replayed_at = now() WHERE id = $1`, [row.id]);
  }
  return rows.map((row) => ({ ...toView(row), replayedAt: new Date().toISOString() }));
}

function toView(row: DeadLetterRow): DeadLetterView {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    scimUserId: row.scim_user_id,
    userName: row.message.data.userName,
    messageId: row.message_id,
    sourceVersion: row.message.data.sourceVersion,
    reason: { code: row.reason_code, message: row.reason_message },
    attempts: row.attempts,
    calls: row.calls,
    createdAt: row.created_at.toISOString(),
    replayedAt: row.replayed_at?.toISOString() ?? null,
  };
}
