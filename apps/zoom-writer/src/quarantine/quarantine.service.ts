import { Inject, Injectable } from '@nestjs/common';
import { BridgeLogger, MetricsService } from '@bridge/observability';
import { ZOOM_WRITER_CONFIG, type ZoomWriterConfig } from '../app.config';
import { isRelapse, probeDelay } from './probe-schedule.rules';

export interface QuarantineState {
  since: number;
  reason: { code: string; message: string };
  failedProbes: number;
  nextProbeAt: number;
}

/**
 * Tenants whose Zoom credentials Zoom rejected: their lane stops calling Zoom (their commands
 * keep queueing) and probes at growing intervals until Zoom accepts the credentials again.
 */
@Injectable()
export class QuarantineService {
  private readonly quarantined = new Map<string, QuarantineState>();
  private readonly releasedAt = new Map<string, { at: number; failedProbes: number }>();
  private readonly gauge;
  private readonly alerts;

  constructor(
    private readonly logger: BridgeLogger,
    @Inject(ZOOM_WRITER_CONFIG) private readonly config: ZoomWriterConfig,
    metrics: MetricsService,
  ) {
    this.gauge = metrics.gauge('zoom_writer_tenant_quarantined', '1 while the tenant is quarantined for rejected Zoom credentials', ['tenant']);
    this.alerts = metrics.counter('zoom_writer_quarantine_alerts_total', 'Quarantines that raised an alert', ['tenant', 'reason']);
  }

  get(tenantId: string): QuarantineState | undefined {
    return this.quarantined.get(tenantId);
  }

  enter(tenantId: string, reason: { code: string; message: string }): void {
    if (this.quarantined.has(tenantId)) {
      return;
    }
    const now = Date.now();
    const previous = this.releasedAt.get(tenantId);
    const relapse = isRelapse(previous?.at, now);
    const failedProbes = relapse ? (previous?.failedProbes ?? 0) + 1 : 0;
    this.quarantined.set(tenantId, { since: now, reason, failedProbes, nextProbeAt: now + this.delay(failedProbes) });
    this.gauge.set({ tenant: tenantId }, 1);
    if (relapse) {
      this.logger.warn('zoom credentials rejected again; tenant back in quarantine', { tenantId, reason: reason.code });
      return;
    }
    this.alerts.inc({ tenant: tenantId, reason: reason.code });
    this.logger.error('zoom credentials rejected: tenant quarantined, its commands wait until Zoom accepts the credentials', {
      tenantId,
      reason: reason.code,
      detail: reason.message,
      action: `check the tenant's Zoom credentials (GET /api/v1/tenants/${tenantId}/zoom-credentials/check)`,
    });
  }

  probeFailed(tenantId: string, reason: { code: string; message: string }): void {
    const state = this.quarantined.get(tenantId);
    if (state === undefined) {
      return;
    }
    const failedProbes = state.failedProbes + 1;
    this.quarantined.set(tenantId, { ...state, reason, failedProbes, nextProbeAt: Date.now() + this.delay(failedProbes) });
  }

  release(tenantId: string): void {
    const state = this.quarantined.get(tenantId);
    if (state === undefined) {
      return;
    }
    this.quarantined.delete(tenantId);
    this.releasedAt.set(tenantId, { at: Date.now(), failedProbes: state.failedProbes });
    this.gauge.set({ tenant: tenantId }, 0);
    this.logger.info('zoom accepted the credentials again: tenant resumed', { tenantId, quarantinedForMs: Date.now() - state.since });
  }

  private delay(failedProbes: number): number {
    return probeDelay(failedProbes, this.config.QUARANTINE_PROBE_INITIAL_MS);
  }
}
