import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Envelope, TopicName } from '@bridge/contracts';
import { MetricsService } from '@bridge/observability';
import { AuditEventEntity } from './audit-event.entity';
import { toAuditRecord } from './audit-record.mapper';

/** Stores one record per message; a redelivered message (same id) is ignored. */
@Injectable()
export class AuditIntakeService {
  private readonly recorded;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    metrics: MetricsService,
  ) {
    this.recorded = metrics.counter('audit_records_total', 'Audit records stored', ['topic']);
  }

  async record(topic: TopicName, message: Envelope<unknown>): Promise<void> {
    const record = toAuditRecord(topic, message);
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(AuditEventEntity)
      .values({ ...record, details: record.details as object })
      .orIgnore()
      .execute();
    this.recorded.inc({ topic });
  }
}
