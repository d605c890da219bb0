import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { OutgoingMessage } from '@bridge/kafka';
import { BridgeLogger, MetricsService } from '@bridge/observability';
import { OutboxRelayService } from '../outbox/outbox-relay.service';
import { OutboxRepository } from '../outbox/outbox.repository';

const FLUSH_AFTER_MS = 50;
const FLUSH_AT = 200;
// While PostgreSQL is away, records wait here up to this many; beyond it the oldest are dropped (and counted).
const MAX_WAITING = 20_000;

/**
 * Request records are written to the outbox in batches rather than one transaction per request:
 * under Okta's bursts that halves the database work of a read. A change a request made is not
 * affected (it travels with its own transaction); at worst a crash loses the last 50 ms of records.
 */
@Injectable()
export class RequestRecordBufferService implements OnApplicationShutdown {
  private waiting: OutgoingMessage[] = [];
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;
  private readonly dropped;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxRepository,
    private readonly relay: OutboxRelayService,
    private readonly logger: BridgeLogger,
    metrics: MetricsService,
  ) {
    this.dropped = metrics.counter('request_records_dropped_total', 'Request records dropped while the database was away', []);
  }

  add(record: OutgoingMessage): void {
    this.waiting.push(record);
    if (this.waiting.length > MAX_WAITING) {
      this.waiting.splice(0, this.waiting.length - MAX_WAITING);
      this.dropped.inc();
    }
    if (this.waiting.length >= FLUSH_AT) {
      this.flushSoon(0);
    } else if (this.timer === undefined) {
      this.flushSoon(FLUSH_AFTER_MS);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    clearTimeout(this.timer);
    await this.flushing;
    await this.flush();
  }

  private flushSoon(delayMs: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.flushing === undefined) {
        this.flushing = this.flush().finally(() => {
          this.flushing = undefined;
          if (this.waiting.length > 0) {
            this.flushSoon(FLUSH_AFTER_MS);
          }
        });
      }
    }, delayMs);
  }

  private async flush(): Promise<void> {
    const batch = this.waiting;
    if (batch.length === 0) {
      return;
    }
    this.waiting = [];
    try {
      await this.outbox.append(this.dataSource.manager, batch);
      this.relay.wake();
    } catch (error) {
      this.waiting = [...batch, ...this.waiting];
      this.logger.error('request records could not be stored; will retry', { error: String(error), waiting: this.waiting.length });
    }
  }
}
