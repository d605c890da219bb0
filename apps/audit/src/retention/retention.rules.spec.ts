import { expiredMonths, monthOfPartition } from './retention.rules';

const month = (iso: string): Date => new Date(`${iso}-01T00:00:00.000Z`);

describe('retention rules', () => {
  it.each([
    ['keeps a month that ends inside the retention', ['2025-02'], 400, []],
    ['drops a month that ended before the retention', ['2025-01', '2025-02'], 400, ['2025-01']],
    ['drops oldest first', ['2024-11', '2024-09', '2024-10'], 400, ['2024-09', '2024-10', '2024-11']],
    ['follows a short retention', ['2026-01', '2026-02', '2026-03'], 30, ['2026-01']],
  ])('%s', (_name, months, days, expected) => {
    const now = new Date('2026-03-10T00:00:00.000Z');
    expect(expiredMonths(months.map(month), now, days).map((date) => date.toISOString().slice(0, 7))).toEqual(expected);
  });

  it.each([
    ['ev_0123456789abcdef_202401', '2024-01-01T00:00:00.000Z'],
    ['ev_0123456789abcdef', undefined],
  ])('reads the month of partition %s', (name, expected) => {
    expect(monthOfPartition(name)?.toISOString()).toBe(expected);
  });
});
