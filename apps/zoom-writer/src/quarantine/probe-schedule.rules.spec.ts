import { isRelapse, probeDelay } from './probe-schedule.rules';

describe('probeDelay', () => {
  it.each([
    [0, 5000],
    [1, 10_000],
    [3, 40_000],
    [10, 300_000],
  ])('after %s failed probes waits %s ms', (failed, delay) => {
    expect(probeDelay(failed, 5000)).toBe(delay);
  });
});

describe('isRelapse', () => {
  it.each([
    [undefined, false],
    [1_000_000 - 60_000, true],
    [1_000_000 - 11 * 60_000, false],
  ])('released at %s is a relapse: %s', (releasedAt, expected) => {
    expect(isRelapse(releasedAt, 1_000_000)).toBe(expected);
  });
});
