import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { CheckpointKey } from './checkpoint-key.config';
import { signCheckpoint, type Checkpoint, type CheckpointKind } from './checkpoint-signer';

export const CHECKPOINT_KEY = Symbol('CHECKPOINT_KEY');

interface CheckpointRow {
  tenant_id: string;
  kind: CheckpointKind;
  seq: string;
  hash: string;
  created_at: string;
  key_id: string;
  signature: string;
}

const COLUMNS = `tenant_id, kind, seq::text AS seq, hash, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS created_at, key_id, signature`;

function fromRow(row: CheckpointRow): Checkpoint {
  return { tenantId: row.tenant_id, kind: row.kind, seq: row.seq, hash: row.hash, createdAt: row.created_at, keyId: row.key_id, signature: row.signature };
}

/** Signed checkpoints: where each tenant's chain stood, so a cut-off tail or a rewrite is detected. */
@Injectable()
export class CheckpointRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CHECKPOINT_KEY) private readonly key: CheckpointKey,
  ) {}

  async write(tenantId: string, kind: CheckpointKind, seq: string, hash: string): Promise<Checkpoint> {
    const createdAt = new Date().toISOString();
    const checkpoint = signCheckpoint({ tenantId, kind, seq, hash, createdAt }, this.key);
    await this.dataSource.query(
      `INSERT INTO audit.checkpoint (tenant_id, kind, seq, hash, created_at, key_id, signature) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [tenantId, kind, seq, hash, createdAt, checkpoint.keyId, checkpoint.signature],
    );
    return checkpoint;
  }

  async latest(tenantId: string, kind?: CheckpointKind): Promise<Checkpoint | undefined> {
    const rows: CheckpointRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM audit.checkpoint WHERE tenant_id = $1 AND ($2::text IS NULL OR kind = $2) ORDER BY checkpoint.seq DESC, checkpoint.id DESC LIMIT 1`,
      [tenantId, kind ?? null],
    );
    return rows[0] === undefined ? undefined : fromRow(rows[0]);
  }

  /** The last checkpoint strictly before `seq` (the trusted start of a range). */
  async latestBefore(tenantId: string, seq: bigint): Promise<Checkpoint[]> {
    const rows: CheckpointRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM audit.checkpoint WHERE tenant_id = $1 AND seq < $2 ORDER BY checkpoint.seq DESC, checkpoint.id DESC LIMIT 20`,
      [tenantId, seq.toString()],
    );
    return rows.map(fromRow);
  }

  async between(tenantId: string, afterSeq: bigint, toSeq: bigint | undefined): Promise<Checkpoint[]> {
    const rows: CheckpointRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM audit.checkpoint WHERE tenant_id = $1 AND seq > $2 AND ($3::bigint IS NULL OR seq <= $3) ORDER BY checkpoint.seq, checkpoint.id`,
      [tenantId, afterSeq.toString(), toSeq?.toString() ?? null],
    );
    return rows.map(fromRow);
  }
}
