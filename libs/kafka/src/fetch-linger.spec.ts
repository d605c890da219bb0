import { FetchLinger } from './fetch-linger';

describe('FetchLinger', () => {
  let clock = 0;
  const now = (): number => clock;

  beforeEach(() => {
    clock = 1_000;
  });

  it('holds the next fetch until the linger after a small fetch arrived, counting time already spent', () => {
    const linger = new FetchLinger(20, 100, now);
    linger.fetched();
    clock += 5;
    expect(linger.handled(3)).toBe(15);
    clock += 30;
    expect(linger.handled(1)).toBe(0);
  });

  it('does not hold back after a fetch that brought enough messages, over all its batches', () => {
    const linger = new FetchLinger(20, 100, now);
    linger.fetched();
    expect(linger.handled(60)).toBe(20);
    expect(linger.handled(40)).toBe(0);
    linger.fetched();
    expect(linger.handled(1)).toBe(20);
  });

  it('never holds when lingering is switched off', () => {
    const linger = new FetchLinger(0, 100, now);
    linger.fetched();
    expect(linger.handled(1)).toBe(0);
  });
});
