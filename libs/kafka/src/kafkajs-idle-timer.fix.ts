import { createRequire } from 'node:module';

interface RequestQueueInternals {
  pending: unknown[];
  throttledUntil: number;
  throttleCheckTimeoutId: NodeJS.Timeout | null;
  checkPendingRequests(): void;
  scheduleCheckPendingRequests(): void;
}

// kafkajs' own interval for re-checking a queue that has pending requests.
const CHECK_PENDING_REQUESTS_INTERVAL_MS = 10;
let applied = false;

/**
 * kafkajs 2.2.4 re-arms a timer with a negative delay on every broker connection even when no
 * request is waiting, so an idle service spins (kafkajs issue 1556, open PR 1667). With nothing
 * pending there is nothing to check: a new request schedules its own check when it queues.
 * Keyed to 2.2.4's internals; `kafkajs-idle-timer.fix.spec.ts` fails if they change.
 */
export function applyKafkajsIdleTimerFix(): void {
  if (applied) {
    return;
  }
  const load = createRequire(require.resolve('kafkajs'));
  const RequestQueue = load('./src/network/requestQueue') as { prototype: RequestQueueInternals };
  RequestQueue.prototype.scheduleCheckPendingRequests = function scheduleCheckPendingRequests(this: RequestQueueInternals): void {
    if (this.throttleCheckTimeoutId !== null || this.pending.length === 0) {
      return;
    }
    const untilUnthrottled = this.throttledUntil - Date.now();
    this.throttleCheckTimeoutId = setTimeout(
      () => {
        this.throttleCheckTimeoutId = null;
        this.checkPendingRequests();
      },
      untilUnthrottled > 0 ? untilUnthrottled : CHECK_PENDING_REQUESTS_INTERVAL_MS,
    );
  };
  applied = true;
}
