import { backoffDelay } from '@bridge/kafka';
import type { BridgeLogger } from '@bridge/observability';
import type { CommandQueueRepository } from '../command-queue/command-queue.repository';
import type { BackoffPolicy } from '@bridge/kafka';
import type { QueuedCommand } from '../command-queue/queued-command';
import type { QuarantineService } from '../quarantine/quarantine.service';
import type { CommandExecutionService, ExecutionOutcome } from './command-execution.service';

// A command whose handling keeps throwing something unclassified (a bug, not Zoom) is moved aside after this many tries.
const MAX_UNEXPECTED_FAILURES = 8;

/**
 * A revocation re-reads the queue so it goes first, but at most this often: under Okta's mixed
 * load nearly every intake batch carries a deactivation, and re-reading on each one kept a queue
 * read running a third of the time. A revocation waits at most this long for its re-read.
 */
const URGENT_REREAD_MS = 100;

export interface TenantLaneTools {
  queue: CommandQueueRepository;
  execution: CommandExecutionService;
  quarantine: QuarantineService;
  /** Until when Zoom told the tenant's account to wait (a 429's retry time, a daily limit). */
  heldUntil(tenantId: string): number;
  /** Asks Zoom whether it accepts the tenant's credentials now. */
  probe(tenantId: string): Promise<void>;
  logger: BridgeLogger;
  /** Commands under way at once: about a quarter second of the tenant's budget (a call plus its queue work takes about that under load, so the budget stays used), capped so a revocation never queues behind many. */
  concurrency(tenantId: string): number;
  idlePollMs: number;
  backoff: BackoffPolicy;
}

/**
 * One tenant's worker: drains its durable queue at the pace of its Zoom budget. One command per
 * user at a time (so a user's order never inverts), revocations first, only the newest command of
 * each user; nothing another tenant does can hold it up.
 */
export class TenantLane {
  private readonly running = new Map<string, Promise<void>>();
  private readonly unexpectedFailures = new Map<number, number>();
  private buffer: QueuedCommand[] = [];
  private wakeUp: (() => void) | undefined;
  private urgent = false;
  private lastUrgentReread = 0;
  private woken = false;
  private stopped = false;
  private pausedUntil = 0;
  private outages = 0;
  private loop: Promise<void> | undefined;

  constructor(
    readonly tenantId: string,
    private readonly tools: TenantLaneTools,
  ) {}

  start(): void {
    this.loop ??= this.run();
  }

  /** New work arrived; `urgent` (a revocation) drops the prefetched commands so it goes next. */
  wake(urgent: boolean): void {
    this.urgent ||= urgent;
    this.woken = true;
    this.wakeUp?.();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wakeUp?.();
    await this.loop;
    await Promise.all(this.running.values());
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.stopped) {
      try {
        await this.step();
        failures = 0;
      } catch (error) {
        failures += 1;
        this.tools.logger.error('tenant lane failed to read its queue; retrying', { tenantId: this.tenantId, error: describe(error), failures });
        await this.sleep(backoffDelay(failures, this.tools.backoff), false);
      }
    }
  }

  private async step(): Promise<void> {
    const now = Date.now();
    const quarantine = this.tools.quarantine.get(this.tenantId);
    if (quarantine !== undefined) {
      this.buffer = [];
      if (now < quarantine.nextProbeAt) {
        await this.sleep(quarantine.nextProbeAt - now, false);
      } else if (this.running.size === 0) {
        await this.tools.probe(this.tenantId);
      } else {
        await Promise.race(this.running.values());
      }
      return;
    }
    // Held by Zoom (a 429's retry time, a used-up second, a daily limit): dispatch nothing until
    // then. Commands started now would only wait in the budget, and those waiting past its limit
    // are put back as failed attempts: churn in the queue and the audit trail, and work this
    // process then does not do for other tenants.
    const resumeAt = Math.max(this.pausedUntil, this.tools.heldUntil(this.tenantId));
    if (now < resumeAt) {
      await this.sleep(resumeAt - now, false);
      return;
    }
    if (this.running.size >= this.tools.concurrency(this.tenantId)) {
      await Promise.race(this.running.values());
      return;
    }
    if (this.urgent && (this.buffer.length === 0 || now - this.lastUrgentReread >= URGENT_REREAD_MS)) {
      this.urgent = false;
      this.lastUrgentReread = now;
      this.buffer = [];
    }
    if (this.buffer.length === 0) {
      this.woken = false;
      this.buffer = await this.tools.queue.nextReady(this.tenantId, [...this.running.keys()], this.tools.concurrency(this.tenantId) * 2);
    }
    const next = this.buffer.shift();
    if (next === undefined) {
      await this.idle();
      return;
    }
    if (!this.running.has(next.scimUserId)) {
      const task = this.runOne(next).finally(() => this.running.delete(next.scimUserId));
      this.running.set(next.scimUserId, task);
    }
  }

  private async idle(): Promise<void> {
    if (this.running.size > 0) {
      await Promise.race([...this.running.values(), this.sleep(this.tools.idlePollMs, true)]);
      return;
    }
    const due = await this.tools.queue.nextDueAt(this.tenantId);
    await this.sleep(due === undefined ? this.tools.idlePollMs : Math.max(1, Math.min(this.tools.idlePollMs, due - Date.now())), true);
  }

  private async runOne(command: QueuedCommand): Promise<void> {
    let outcome: ExecutionOutcome;
    try {
      outcome = await this.tools.execution.execute(command);
    } catch (error) {
      await this.onUnexpected(command, error);
      return;
    }
    this.unexpectedFailures.delete(command.seq);
    this.onOutcome(outcome);
  }

  private onOutcome(outcome: ExecutionOutcome): void {
    switch (outcome) {
      case 'done':
      case 'gone':
        this.outages = 0;
        return;
      case 'retry-later':
        return;
      case 'zoom-unavailable':
        // A 5xx storm or a network outage hits every command alike: slow the whole lane down.
        this.outages += 1;
        this.pausedUntil = Math.max(this.pausedUntil, Date.now() + backoffDelay(this.outages, this.tools.backoff));
        return;
      case 'quarantined':
        this.buffer = [];
        return;
      default: {
        const unhandled: never = outcome;
        throw new Error(`unknown execution outcome ${String(unhandled)}`);
      }
    }
  }

  private async onUnexpected(command: QueuedCommand, error: unknown): Promise<void> {
    const failures = (this.unexpectedFailures.get(command.seq) ?? 0) + 1;
    this.unexpectedFailures.set(command.seq, failures);
    this.pausedUntil = Math.max(this.pausedUntil, Date.now() + backoffDelay(failures, this.tools.backoff));
    this.tools.logger.error('user command failed unexpectedly', { tenantId: this.tenantId, scimUserId: command.scimUserId, error: describe(error), failures });
    if (failures < MAX_UNEXPECTED_FAILURES) {
      return;
    }
    try {
      await this.tools.execution.deadLetter(command, { code: 'unexpected-error', message: describe(error) }, []);
      this.unexpectedFailures.delete(command.seq);
    } catch (deadLetterError) {
      this.tools.logger.error('user command could not be dead-lettered; it stays queued', { tenantId: this.tenantId, error: describe(deadLetterError) });
    }
  }

  /** Waits `ms`; stopping ends the wait, and so does new work when `wakeOnWork`. */
  private async sleep(ms: number, wakeOnWork: boolean): Promise<void> {
    if (this.stopped || (wakeOnWork && (this.urgent || this.woken))) {
      return;
    }
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wakeUp = (): void => {
        if (wakeOnWork || this.stopped) {
          done();
        }
      };
    });
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
