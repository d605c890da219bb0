import { maskEmail, summarizeBody } from './body-summary.mapper';
import { CallRingBuffer } from './call-ring.buffer';
import { callsPerSecond } from './call-stats.rules';

describe('CallRingBuffer', () => {
  const filled = (count: number, capacity: number): CallRingBuffer<{ seq: number }> => {
    const ring = new CallRingBuffer<{ seq: number }>(capacity);
    for (let seq = 1; seq <= count; seq += 1) {
      ring.push({ seq });
    }
    return ring;
  };
  const seqs = (items: { seq: number }[]): number[] => items.map((item) => item.seq);

  it.each([
    { name: 'everything when not full', count: 3, capacity: 5, since: 0, limit: 10, expected: [1, 2, 3] },
    { name: 'what is after since', count: 3, capacity: 5, since: 1, limit: 10, expected: [2, 3] },
    { name: 'nothing after the newest', count: 3, capacity: 5, since: 3, limit: 10, expected: [] },
    { name: 'only the newest capacity entries once full', count: 8, capacity: 5, since: 0, limit: 10, expected: [4, 5, 6, 7, 8] },
    { name: 'after since once wrapped', count: 8, capacity: 5, since: 6, limit: 10, expected: [7, 8] },
    { name: 'at most limit entries', count: 8, capacity: 5, since: 0, limit: 2, expected: [4, 5] },
  ])('gives $name', ({ count, capacity, since, limit, expected }) => {
    expect(seqs(filled(count, capacity).after(since, limit))).toEqual(expected);
  });

  it('walks newest first', () => {
    expect(seqs([...filled(7, 5).newestFirst()])).toEqual([7, 6, 5, 4, 3]);
  });

  it('needs a positive capacity', () => {
    expect(() => new CallRingBuffer(0)).toThrow('positive integer capacity');
  });
});

describe('callsPerSecond', () => {
  const now = Date.parse('2025-01-15T12:00:10.400Z');
  const at = (iso: string): number => Date.parse(iso);

  it('counts calls in each whole second before the current one, oldest first', () => {
    const newestFirst = [
      at('2025-01-15T12:00:10.100Z'),
      at('2025-01-15T12:00:09.900Z'),
      at('2025-01-15T12:00:09.000Z'),
      at('2025-01-15T12:00:07.500Z'),
      at('2025-01-15T12:00:06.999Z'),
    ];
    expect(callsPerSecond(newestFirst, now, 3)).toEqual([
      { second: '2025-01-15T12:00:07.000Z', calls: 1 },
      { second: '2025-01-15T12:00:08.000Z', calls: 0 },
      { second: '2025-01-15T12:00:09.000Z', calls: 2 },
    ]);
  });
});

describe('summarizeBody', () => {
  it.each([
    { name: 'no body', body: undefined, summary: undefined },
    {
      name: 'a user body, keeping the shape and masking the userName',
      body: { schemas: [], userName: 'ada@example.com', password: 'secret', active: true },
      summary: { chars: 42, keys: ['schemas', 'userName', 'password', 'active'], userName: 'a***@example.com', active: true },
    },
    {
      name: 'a PATCH body',
      body: { schemas: [], Operations: [{ op: 'replace', value: { active: false } }, { op: 'remove', path: 'members[value eq "u1"]' }] },
      summary: { chars: 42, keys: ['schemas', 'Operations'], operations: ['replace {active}', 'remove members[value eq "u1"]'] },
    },
    { name: 'a group body', body: { displayName: 'S', members: [{}, {}] }, summary: { chars: 42, keys: ['displayName', 'members'], members: 2 } },
  ])('summarises $name', ({ body, summary }) => {
    expect(summarizeBody(body, 42)).toEqual(summary);
  });

  it.each([
    { value: 'ada@example.com', masked: 'a***@example.com' },
    { value: 'x', masked: '***' },
    { value: '@example.com', masked: '***' },
  ])('masks $value as $masked', ({ value, masked }) => {
    expect(maskEmail(value)).toBe(masked);
  });
});
