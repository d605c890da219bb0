import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { ZoomCall } from '@bridge/contracts';
import { BridgeLogger, MetricsService } from '@bridge/observability';
import { TenantService, type TenantConfig } from '@bridge/tenancy';
import { ZOOM_WRITER_CONFIG, type ZoomWriterConfig } from '../app.config';
import { CommandQueueRepository, type ClaimedCommand } from '../command-queue/command-queue.repository';
import { retryTime, zoomRetryBackoff } from '../command-queue/retry-schedule.rules';
import type { QueuedCommand } from '../command-queue/queued-command';
import { QuarantineService } from '../quarantine/quarantine.service';
import { deadLetterNotice, resultMessage, supersededResults } from '../result-outbox/result-message.mapper';
import { ResultOutboxRelay } from '../result-outbox/result-outbox.relay';
import { ZoomUserSyncService } from '../user-sync/zoom-user-sync.service';
import { ZoomCallError } from '../zoom-api/zoom-scim.client';
import { ZoomWriteErrorCode, commandDisposition, type ZoomFailure } from '../zoom-api/zoom-response.rules';

/** What the lane learns from running one command. */
export type ExecutionOutcome = 'done' | 'retry-later' | 'zoom-unavailable' | 'quarantined' | 'gone';

/** Runs one queued command against Zoom and records its outcome in the queue's transaction. */
@Injectable()
export class CommandExecutionService {
  private readonly outcomes;

  constructor(
    private readonly queue: CommandQueueRepository,
    private readonly sync: ZoomUserSyncService,
    private readonly tenants: TenantService,
    private readonly quarantine: QuarantineService,
    private readonly outbox: ResultOutboxRelay,
    private readonly logger: BridgeLogger,
    @Inject(ZOOM_WRITER_CONFIG) private readonly config: ZoomWriterConfig,
    metrics: MetricsService,
  ) {
    this.outcomes = metrics.counter('zoom_user_commands_total', 'User commands by outcome', ['tenant', 'outcome']);
  }

  async execute(queued: QueuedCommand): Promise<ExecutionOutcome> {
    const command = await this.queue.claim(queued);
    if (command === undefined) {
      return 'gone';
    }
    const tenant = this.tenants.directory().get(command.tenantId);
    if (tenant === undefined) {
      await this.deadLetter(command, { code: 'unknown-tenant', message: `tenant ${command.tenantId} is not in the tenant registry` }, []);
      return 'done';
    }
    const link = command.link;
    if (link !== undefined && command.sourceVersion <= link.appliedVersion) {
      await this.queue.finish(command, undefined, (superseded) => [
        resultMessage(command.message, 'result', { outcome: 'skipped', operation: 'none', calls: [], reason: { code: 'superseded', message: `version ${link.appliedVersion} was already applied` } }),
        ...supersededResults(superseded, command.message),
      ]);
      return this.done(tenant, 'skipped');
    }
    const calls: ZoomCall[] = [];
    try {
      const outcome = await this.sync.sync({ tenant, command: command.message.data, link: link ?? null, lookupFirst: command.mayHaveReachedZoom, calls });
      await this.queue.finish(command, outcome.link, (superseded) => [
        resultMessage(command.message, 'result', { outcome: 'succeeded', operation: outcome.operation, calls, zoomId: outcome.link?.zoomUserId }),
        ...supersededResults(superseded, command.message),
      ]);
      return this.done(tenant, 'succeeded');
    } catch (error) {
      if (!(error instanceof ZoomCallError)) {
        throw error;
      }
      return this.onZoomFailure(tenant, command, error.failure, calls);
    }
  }

  private async onZoomFailure(tenant: TenantConfig, command: ClaimedCommand, failure: ZoomFailure, calls: ZoomCall[]): Promise<ExecutionOutcome> {
    const reason = { code: failure.code, message: failure.message };
    const disposition = commandDisposition(failure.code);
    switch (disposition) {
      case 'retry': {
        const at = retryTime(failure.code, command.attempts, failure.retryAt, Date.now(), zoomRetryBackoff(this.config.ZOOM_RETRY_INITIAL_MS, this.config.ZOOM_RETRY_MAX_MS));
        await this.queue.defer(command, at, `${reason.code}: ${reason.message}`, [
          resultMessage(command.message, `failed:${command.attempts}`, { outcome: 'failed', operation: 'sync-user', calls, reason }),
        ]);
        this.outbox.wake();
        this.outcomes.inc({ tenant: tenant.id, outcome: 'retried' });
        this.logger.warn('zoom call failed; the command will be retried', { tenantId: tenant.id, code: reason.code, retryAt: at.toISOString(), attempts: command.attempts });
        return failure.code === ZoomWriteErrorCode.ZOOM_UNAVAILABLE || failure.code === ZoomWriteErrorCode.NETWORK ? 'zoom-unavailable' : 'retry-later';
      }
      case 'quarantine':
        // The command stays queued as it was: nothing of it reached Zoom's user data.
        await this.queue.defer(command, null, `${reason.code}: ${reason.message}`, [
          resultMessage(command.message, `failed:${command.attempts}`, { outcome: 'failed', operation: 'sync-user', calls, reason: { code: reason.code, message: `${reason.message} (tenant quarantined; the command waits)` } }),
        ]);
        this.outbox.wake();
        this.quarantine.enter(tenant.id, reason);
        this.outcomes.inc({ tenant: tenant.id, outcome: 'quarantined' });
        return 'quarantined';
      case 'dead-letter':
        await this.deadLetter(command, reason, calls);
        return 'done';
      default: {
        const unhandled: never = disposition;
        throw new Error(`unknown disposition ${String(unhandled)}`);
      }
    }
  }

  /** Commands that cannot succeed as they are: kept for replay once the cause is fixed. */
  async deadLetter(command: QueuedCommand, reason: { code: string; message: string }, calls: ZoomCall[]): Promise<void> {
    await this.queue.deadLetter(command, { id: randomUUID(), ...reason, calls }, (superseded) => [
      resultMessage(command.message, `dead-lettered:${command.attempts}`, { outcome: 'dead-lettered', operation: 'sync-user', calls, reason }),
      deadLetterNotice(command, this.config.KAFKA_GROUP_ID, reason),
      ...supersededResults(superseded, command.message),
    ]);
    this.outbox.wake();
    this.outcomes.inc({ tenant: command.tenantId, outcome: 'dead-lettered' });
    this.logger.warn('user command dead-lettered', { tenantId: command.tenantId, scimUserId: command.scimUserId, code: reason.code, detail: reason.message });
  }

  private done(tenant: TenantConfig, outcome: string): ExecutionOutcome {
    this.outbox.wake();
    this.outcomes.inc({ tenant: tenant.id, outcome });
    return 'done';
  }
}
