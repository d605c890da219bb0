import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { BridgeLogger } from '@bridge/observability';
import { TenantService } from '@bridge/tenancy';
import { AuditPartitions } from '../audit-store/audit-partitions.service';
import { CheckpointRepository } from '../hash-chain/checkpoint.repository';
import { DEFAULT_RETENTION_DAYS, expiredMonths, monthEnd, monthOfPartition } from './retention.rules';
import { PeriodicJob } from '../audit-store/periodic-job';

export const RETENTION_INTERVAL_MS = Symbol('RETENTION_INTERVAL_MS');

/**
 * Drops whole monthly partitions older than each tenant's retention. Before a month goes, a signed
 * retention checkpoint records its last record, from which the remaining chain still verifies.
 */
@Injectable()
export class RetentionService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly job: PeriodicJob;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly partitions: AuditPartitions,
    private readonly checkpoints: CheckpointRepository,
    private readonly tenants: TenantService,
    private readonly logger: BridgeLogger,
    @Inject(RETENTION_INTERVAL_MS) intervalMs: number,
  ) {
    this.job = new PeriodicJob('audit retention', intervalMs, () => this.applyAll(), logger);
  }

  onApplicationBootstrap(): void {
    this.job.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.job.stop();
  }

  /** Applies every tenant's retention; returns the months dropped. */
  async applyAll(now: Date = new Date()): Promise<string[]> {
    const dropped: string[] = [];
    for (const tenantId of await this.partitions.tenants()) {
      const retentionDays = this.tenants.directory().get(tenantId)?.audit.retentionDays ?? DEFAULT_RETENTION_DAYS;
      dropped.push(...(await this.apply(tenantId, retentionDays, now)));
    }
    return dropped;
  }

  async apply(tenantId: string, retentionDays: number, now: Date = new Date()): Promise<string[]> {
    const names: { relname: string }[] = await this.dataSource.query(
      `SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
       WHERE i.inhparent = to_regclass(format('audit.%I', 'ev_' || left(md5($1), 16)))`,
      [tenantId],
    );
    const months = names.flatMap((row) => monthOfPartition(row.relname) ?? []);
    const dropped: string[] = [];
    for (const start of expiredMonths(months, now, retentionDays)) {
      const last: { seq: string; hash: string }[] = await this.dataSource.query(
        `SELECT seq::text AS seq, hash FROM audit.audit_event WHERE tenant_id = $1 AND recorded_at >= $2 AND recorded_at < $3
         ORDER BY audit_event.seq DESC LIMIT 1`,
        [tenantId, start.toISOString(), monthEnd(start).toISOString()],
      );
      const anchor = await this.checkpoints.latest(tenantId, 'retention');
      if (last[0] !== undefined && (anchor === undefined || BigInt(anchor.seq) < BigInt(last[0].seq))) {
        await this.checkpoints.write(tenantId, 'retention', last[0].seq, last[0].hash);
      }
      await this.dataSource.query(`SELECT audit.drop_expired_partition($1, $2, $3)`, [tenantId, start.toISOString(), retentionDays]);
      this.partitions.forget(tenantId, start);
      const month = start.toISOString().slice(0, 7);
      this.logger.info('audit partition dropped by retention', { tenantId, month, retentionDays, anchorSeq: last[0]?.seq ?? null });
      dropped.push(`${tenantId}/${month}`);
    }
    return dropped;
  }
}
