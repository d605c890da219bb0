import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { BridgeLogger } from '@bridge/observability';
import { TenantService } from '@bridge/tenancy';
import { ZOOM_WRITER_CONFIG, type ZoomWriterConfig } from '../app.config';
import { CommandQueueRepository } from '../command-queue/command-queue.repository';
import { zoomRetryBackoff } from '../command-queue/retry-schedule.rules';
import { CredentialProbeService } from '../quarantine/credential-probe.service';
import { QuarantineService } from '../quarantine/quarantine.service';
import { RateBudgetService } from '../rate-budget/rate-budget.service';
import { CommandExecutionService } from './command-execution.service';
import { TenantLane } from './tenant-lane';

/** One lane per tenant, started for every tenant in the registry and for any tenant that gets work. */
@Injectable()
export class TenantLanesService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly lanes = new Map<string, TenantLane>();
  private unsubscribe: (() => void) | undefined;
  private stopping = false;

  constructor(
    private readonly tenants: TenantService,
    private readonly queue: CommandQueueRepository,
    private readonly execution: CommandExecutionService,
    private readonly quarantine: QuarantineService,
    private readonly prober: CredentialProbeService,
    private readonly budget: RateBudgetService,
    private readonly logger: BridgeLogger,
    @Inject(ZOOM_WRITER_CONFIG) private readonly config: ZoomWriterConfig,
  ) {}

  onApplicationBootstrap(): void {
    for (const tenant of this.tenants.directory().list()) {
      this.lane(tenant.id);
    }
    this.unsubscribe = this.tenants.onChange((directory) => {
      for (const tenant of directory.list()) {
        this.lane(tenant.id)?.wake(false);
      }
    });
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    this.unsubscribe?.();
    await Promise.all([...this.lanes.values()].map((lane) => lane.stop()));
  }

  /** Work for the tenant was queued; a revocation cuts ahead of what the lane prefetched. */
  wake(tenantId: string, urgent: boolean): void {
    this.lane(tenantId)?.wake(urgent);
  }

  private heldUntil(tenantId: string): number {
    const tenant = this.tenants.directory().get(tenantId);
    return tenant === undefined ? 0 : this.budget.heldUntil(tenant, 'light');
  }

  private concurrency(tenantId: string): number {
    const tenant = this.tenants.directory().get(tenantId);
    const pace = tenant === undefined ? 1 : this.budget.pace(tenant, 'light');
    return Math.max(1, Math.min(this.config.LANE_CONCURRENCY, Math.ceil(pace / 2)));
  }

  private lane(tenantId: string): TenantLane | undefined {
    if (this.stopping) {
      return undefined;
    }
    let lane = this.lanes.get(tenantId);
    if (lane === undefined) {
      lane = new TenantLane(tenantId, {
        queue: this.queue,
        execution: this.execution,
        quarantine: this.quarantine,
        probe: (id) => this.prober.probe(id),
        logger: this.logger,
        concurrency: (id) => this.concurrency(id),
        heldUntil: (id) => this.heldUntil(id),
        idlePollMs: this.config.LANE_IDLE_POLL_MS,
        backoff: zoomRetryBackoff(this.config.ZOOM_RETRY_INITIAL_MS, this.config.ZOOM_RETRY_MAX_MS),
      });
      this.lanes.set(tenantId, lane);
      lane.start();
    }
    return lane;
  }
}
