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
});
