import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { BridgeLogger } from '@bridge/observability';
import { AuditPartitions } from '../audit-store/audit-partitions.service';
import { CheckpointRepository } from './checkpoint.repository';
import { PeriodicJob } from '../audit-store/periodic-job';

export const CHECKPOINT_INTERVAL_MS = Symbol('CHECKPOINT_INTERVAL_MS');

/**
 * Periodically signs where each tenant's chain stands. A tail cut off after a checkpoint is then
 * detected by the verifier; the window of undetectable truncation is one interval.
 */
@Injectable()
export class CheckpointService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly job: PeriodicJob;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly checkpoints: CheckpointRepository,
    private readonly partitions: AuditPartitions,
    private readonly logger: BridgeLogger,
    @Inject(CHECKPOINT_INTERVAL_MS) intervalMs: number,
  ) {
    this.job = new PeriodicJob('audit checkpoints', intervalMs, () => this.checkpointAll(), logger);
  }

  onApplicationBootstrap(): void {
    this.job.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.job.stop();
  }

  /** Signs the head of every tenant whose chain moved since its last checkpoint; returns how many. */
  async checkpointAll(): Promise<number> {
    let written = 0;
    for (const tenantId of await this.partitions.tenants()) {
      const heads: { seq: string; hash: string }[] = await this.dataSource.query(
        `SELECT seq::text AS seq, hash FROM audit.audit_event WHERE tenant_id = $1 ORDER BY audit_event.seq DESC LIMIT 1`,
        [tenantId],
      );
      const head = heads[0];
      const last = await this.checkpoints.latest(tenantId);
      if (head === undefined || (last !== undefined && BigInt(last.seq) >= BigInt(head.seq))) {
        continue;
      }
      const checkpoint = await this.checkpoints.write(tenantId, 'periodic', head.seq, head.hash);
      // Logged in full so that a copy of every checkpoint also lives outside the database.
      this.logger.info('audit checkpoint signed', { tenantId, seq: checkpoint.seq, hash: checkpoint.hash, keyId: checkpoint.keyId, signature: checkpoint.signature });
      written += 1;
    }
    return written;
  }
}
