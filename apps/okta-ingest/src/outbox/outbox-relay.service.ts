import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { MessageProducer } from '@bridge/kafka';
import { BridgeLogger, MetricsService } from '@bridge/observability';
import { OKTA_INGEST_CONFIG, type OktaIngestConfig } from '../app.config';
import { OutboxRepository } from './outbox.repository';

const BUSY_DRAIN_GAP_MS = 20;

/**
 * Publishes the outbox to Kafka in commit order. Woken right after each commit for low
 * latency, and polling as a safety net (another replica's commits, a failed publish).
 */
@Injectable()
export class OutboxRelayService implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;
  private readonly published;
  private readonly failures;

  constructor(
    private readonly outbox: OutboxRepository,
    private readonly producer: MessageProducer,
    private readonly logger: BridgeLogger,
    @Inject(OKTA_INGEST_CONFIG) private readonly config: OktaIngestConfig,
    metrics: MetricsService,
  ) {
    this.published = metrics.counter('outbox_published_total', 'Outbox messages published to Kafka', ['topic']);
    this.failures = metrics.counter('outbox_publish_failures_total', 'Failed outbox publish attempts', []);
  }

  onApplicationBootstrap(): void {
    this.schedule();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** Asks for a drain now (after a commit). */
  wake(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    clearTimeout(this.timer);
    this.running = this.drainAll().finally(() => {
      this.running = undefined;
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.stopped) {
      return;
    }
    clearTimeout(this.timer);
    // Commits during a drain are picked up after a short gap rather than at once: under load that
    // gathers a bigger batch per drain (fewer round trips), at idle the next commit drains at once.
    const delay = this.again ? BUSY_DRAIN_GAP_MS : this.config.OUTBOX_POLL_MS;
    this.again = false;
    this.timer = setTimeout(() => this.wake(), delay);
  }

  private async drainAll(): Promise<void> {
    try {
      for (;;) {
        const count = await this.outbox.drain(this.config.OUTBOX_BATCH_SIZE, async (messages) => {
          await this.producer.publish(messages);
          for (const message of messages) {
            this.published.inc({ topic: message.topic });
          }
        });
        if (count < this.config.OUTBOX_BATCH_SIZE || this.stopped) {
          return;
        }
      }
    } catch (error) {
      this.failures.inc();
      this.logger.error('outbox relay could not publish; will retry', { error: String(error) });
    }
  }
}
