import { seededRandom } from './seeded-random.rules';

describe('seededRandom', () => {
  const draws = (seed: number, count: number): number[] => {
    const random = seededRandom(seed);
    return Array.from({ length: count }, () => random());
  };

  it('repeats its sequence for the same seed', () => {
    expect(draws(42, 20)).toEqual(draws(42, 20));
  });

  it('gives another sequence for another seed', () => {
    expect(draws(42, 20)).not.toEqual(draws(43, 20));
  });

  it('stays in [0, 1) and spreads out', () => {
    const values = draws(7, 10_000);
    expect(values.every((value) => value >= 0 && value < 1)).toBe(true);
    const below = values.filter((value) => value < 0.3).length / values.length;
    expect(below).toBeGreaterThan(0.27);
    expect(below).toBeLessThan(0.33);
  });
});
