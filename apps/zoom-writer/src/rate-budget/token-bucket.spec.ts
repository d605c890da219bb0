import { TokenBucket } from './token-bucket';

describe('TokenBucket', () => {
  it('lets a burst through, then paces at the rate', () => {
    const bucket = new TokenBucket(10, 2, 0);
    expect(bucket.tryTake(0)).toBe(0);
    expect(bucket.tryTake(0)).toBe(0);
    expect(bucket.tryTake(0)).toBe(100);
    expect(bucket.tryTake(100)).toBe(0);
  });

  it.each([
    [1, 1000],
    [4, 250],
    [80, 13],
  ])('at %s/s an empty bucket waits %s ms', (rate, wait) => {
    const bucket = new TokenBucket(rate, 1, 0);
    bucket.tryTake(0);
    expect(bucket.tryTake(0)).toBe(wait);
  });

  it('makes no call before a retry time and restarts empty', () => {
    const bucket = new TokenBucket(10, 5, 0);
    bucket.blockUntil(2000);
    expect(bucket.tryTake(1500)).toBe(500);
    expect(bucket.tryTake(2000)).toBe(100);
  });

  it('never lets the bucket exceed its burst', () => {
    const bucket = new TokenBucket(10, 3, 0);
    const taken = [0, 0, 0, 0].map(() => bucket.tryTake(60_000));
    expect(taken).toEqual([0, 0, 0, 100]);
  });

  it('never takes more than the rate within any 1,000 ms, however full the bucket', () => {
    const bucket = new TokenBucket(10, 20, 0);
    const first = Array.from({ length: 11 }, () => bucket.tryTake(60_000));
    expect(first.slice(0, 10)).toEqual(Array(10).fill(0));
    // The bucket still holds tokens, but ten calls went out in this second.
    expect(first[10]).toBe(1000);
    expect(bucket.tryTake(60_999)).toBe(1);
    expect(bucket.tryTake(61_000)).toBe(0);
  });

  it('catches up after being late, up to the burst', () => {
    // 80/s with a tenth-second burst: a caller 100 ms late takes what accrued meanwhile at once.
    const bucket = new TokenBucket(80, 8, 0);
    for (let index = 0; index < 8; index += 1) {
      expect(bucket.tryTake(0)).toBe(0);
    }
    expect(bucket.tryTake(0)).toBeGreaterThan(0);
    const late = Array.from({ length: 9 }, () => bucket.tryTake(100));
    expect(late.filter((wait) => wait === 0)).toHaveLength(8);
  });

  it('keeps every wall-clock second under the cap over a long run of eager callers', () => {
    const bucket = new TokenBucket(77.6, 8, 0);
    const perSecond = new Map<number, number>();
    for (let now = 0; now < 30_000; now += 3) {
      while (bucket.tryTake(now) === 0) {
        perSecond.set(Math.floor(now / 1000), (perSecond.get(Math.floor(now / 1000)) ?? 0) + 1);
      }
    }
    expect(Math.max(...perSecond.values())).toBeLessThanOrEqual(77);
    // …and the budget is used: 30 s at 77 a second (the window's rounding).
    const total = [...perSecond.values()].reduce((sum, count) => sum + count, 0);
    expect(total).toBeGreaterThanOrEqual(77 * 30 - 1);
  });
});
