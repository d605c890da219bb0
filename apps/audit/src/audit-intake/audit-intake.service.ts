import { Injectable } from '@nestjs/common';
import type { Envelope, TopicName } from '@bridge/contracts';
import { MetricsService } from '@bridge/observability';
import { AuditWriterService } from '../audit-store/audit-writer.service';
import { toAuditRecord } from './audit-record.mapper';

/** Stores one record per message; a redelivered message (same id) is ignored. */
@Injectable()
export class AuditIntakeService {
  private readonly recorded;
  private readonly duplicates;

  constructor(
    private readonly writer: AuditWriterService,
    metrics: MetricsService,
  ) {
    this.recorded = metrics.counter('audit_records_total', 'Audit records stored', ['topic']);
    this.duplicates = metrics.counter('audit_duplicates_total', 'Redelivered messages the audit store ignored', ['topic']);
  }

  async recordBatch(topic: TopicName, messages: Envelope<unknown>[]): Promise<void> {
    const result = await this.writer.append(messages.map((message) => toAuditRecord(topic, message)));
    this.recorded.inc({ topic }, result.stored);
    this.duplicates.inc({ topic }, result.duplicates);
  }
}
