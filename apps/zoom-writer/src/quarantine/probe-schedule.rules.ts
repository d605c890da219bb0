/** Growing pauses between credential probes of a quarantined tenant: 5 s, 10 s, 20 s … capped at 5 min. */
export function probeDelay(failedProbes: number, initialMs: number, maxMs = 5 * 60_000): number {
  return Math.min(maxMs, initialMs * 2 ** Math.max(0, failedProbes));
}

// A tenant quarantined again soon after it resumed (a scope that lists but cannot write, a token
// that flaps) continues its growing schedule and raises no new alert.
export const RELAPSE_WINDOW_MS = 10 * 60_000;

export function isRelapse(releasedAt: number | undefined, now: number): boolean {
  return releasedAt !== undefined && now - releasedAt < RELAPSE_WINDOW_MS;
}
