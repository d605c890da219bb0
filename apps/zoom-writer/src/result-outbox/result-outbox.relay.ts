import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Envelope } from '@bridge/contracts';
import { MessageProducer, backoffDelay } from '@bridge/kafka';
import { BridgeLogger } from '@bridge/observability';
import { ZOOM_WRITER_CONFIG, type ZoomWriterConfig } from '../app.config';

const BATCH = 500;

/**
 * Publishes results and dead-letter notices written by the queue's transactions. Zoom work goes
 * on while Kafka is away; a crash between publish and delete republishes with the same ids.
 */
@Injectable()
export class ResultOutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private running = false;
  private loop: Promise<void> | undefined;
  private wakeUp: (() => void) | undefined;
  private stopSleep: (() => void) | undefined;
  private pending = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly producer: MessageProducer,
    private readonly logger: BridgeLogger,
    @Inject(ZOOM_WRITER_CONFIG) private readonly config: ZoomWriterConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.running = true;
    this.loop = this.run();
  }

  async onApplicationShutdown(): Promise<void> {
    this.running = false;
    this.stopSleep?.();
    await this.loop;
  }

  wake(): void {
    this.pending = true;
    this.wakeUp?.();
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (this.running) {
      try {
        const published = await this.publishBatch();
        failures = 0;
        if (published === BATCH) {
          continue;
        }
        await this.sleep(this.config.RESULT_OUTBOX_POLL_MS, true);
        // Woken by a finished command: let the results of the commands finishing alongside it
        // gather, so that one read, one publish and one delete carry several. Under load every
        // command woke its own round of three, more round trips than the command's own work.
        if (this.pending && this.config.RESULT_OUTBOX_LINGER_MS > 0) {
          await this.sleep(this.config.RESULT_OUTBOX_LINGER_MS, false);
        }
      } catch (error) {
        failures += 1;
        this.logger.warn('results could not be published yet; retrying', { error: error instanceof Error ? error.message : String(error), failures });
        await this.sleep(backoffDelay(failures), false);
      }
    }
  }

  /** Publishes the oldest pending results; how many. */
  async publishBatch(): Promise<number> {
    this.pending = false;
    const rows: { seq: string; topic: string; message_key: string; message: Envelope<unknown> }[] = await this.dataSource.query(
      `SELECT seq, topic, message_key, message FROM "zoom_writer"."outbox" ORDER BY seq LIMIT ${BATCH}`,
    );
    if (rows.length === 0) {
      return 0;
    }
    await this.producer.publish(rows.map((row) => ({ topic: row.topic, key: row.message_key, message: row.message })));
    // Exactly the rows published: a lane's transaction holding a lower seq may commit meanwhile, and a
    // range delete would drop its result unpublished.
    await this.dataSource.query(`DELETE FROM "zoom_writer"."outbox" WHERE seq = ANY($1::bigint[])`, [rows.map((row) => row.seq)]);
    return rows.length;
  }

  /** Waits `ms`; new work cuts the wait short unless the last publish failed (Kafka away). */
  private async sleep(ms: number, wakeOnWork: boolean): Promise<void> {
    if ((wakeOnWork && this.pending) || !this.running) {
      return;
    }
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wakeUp = wakeOnWork ? done : undefined;
      this.stopSleep = done;
    });
    this.wakeUp = undefined;
    this.stopSleep = undefined;
  }
}
