export interface SecondCount {
  /** The start of the second, ISO. */
  second: string;
  calls: number;
}

/**
 * Calls in each of the last `seconds` whole seconds before `nowMs`'s second, oldest first, from
 * timestamps given newest first (the walk stops at the first older one). The current, unfinished
 * second is left out so a rate read mid-second is not understated.
 */
export function callsPerSecond(timestampsNewestFirst: Iterable<number>, nowMs: number, seconds: number): SecondCount[] {
  const currentSecond = Math.floor(nowMs / 1000);
  const firstSecond = currentSecond - seconds;
  const counts = new Array<number>(seconds).fill(0);
  for (const atMs of timestampsNewestFirst) {
    const second = Math.floor(atMs / 1000);
    if (second < firstSecond) {
      break;
    }
    if (second < currentSecond) {
      counts[second - firstSecond] = (counts[second - firstSecond] ?? 0) + 1;
    }
  }
  return counts.map((calls, index) => ({ second: new Date((firstSecond + index) * 1000).toISOString(), calls }));
}
