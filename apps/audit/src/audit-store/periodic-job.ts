import type { BridgeLogger } from '@bridge/observability';

/**
 * Runs `work` every `intervalMs`, never two runs at once; a failed run is logged and tried again
 * at the next interval. `stop()` waits for a run under way.
 */
export class PeriodicJob {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly name: string,
    private readonly intervalMs: number,
    private readonly work: () => Promise<unknown>,
    private readonly logger: BridgeLogger,
  ) {}

  start(): void {
    this.timer = setInterval(() => {
      this.running ??= this.work()
        .then(() => undefined)
        .catch((error: unknown) => this.logger.error(`${this.name} failed; retrying next interval`, { error: String(error) }))
        .finally(() => {
          this.running = undefined;
        });
    }, this.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
