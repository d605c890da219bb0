import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { BridgeLogger } from '@bridge/observability';
import { TenantService } from '@bridge/tenancy';
import { ZOOM_WRITER_CONFIG, type ZoomWriterConfig } from '../app.config';
import { CommandQueueRepository } from '../command-queue/command-queue.repository';
import { CredentialProbeService } from '../quarantine/credential-probe.service';
import { QuarantineService } from '../quarantine/quarantine.service';
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
        concurrency: this.config.LANE_CONCURRENCY,
        idlePollMs: this.config.LANE_IDLE_POLL_MS,
      });
      this.lanes.set(tenantId, lane);
      lane.start();
    }
    return lane;
  }
}
