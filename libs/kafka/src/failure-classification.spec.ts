import { ContractViolation } from '@bridge/contracts';
import { classifyFailure, PermanentFailure, TransientFailure } from './failure-classification';
import { backoffDelay } from './backoff';

describe('classifyFailure', () => {
  const retryAt = new Date('2026-11-29T00:00:00Z');
  it.each([
    ['a permanent failure', new PermanentFailure('admin-not-deactivatable', 'x'), { kind: 'permanent', code: 'admin-not-deactivatable' }],
    ['a contract violation', new ContractViolation('t', 'bad'), { kind: 'permanent', code: 'contract-violation' }],
    ['malformed JSON', new SyntaxError('Unexpected token'), { kind: 'permanent', code: 'malformed-json' }],
    ['a transient failure', new TransientFailure('rate-limited', 'x', retryAt), { kind: 'transient', code: 'rate-limited', bounded: false, retryAt }],
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), { kind: 'transient', code: 'ECONNREFUSED', bounded: false }],
    ['PostgreSQL shutting down', Object.assign(new Error('terminating connection'), { code: '57P01' }), { kind: 'transient', code: '57P01', bounded: false }],
    ['a wrapped network cause', new Error('fetch failed', { cause: Object.assign(new Error('x'), { code: 'ECONNRESET' }) }), { kind: 'transient', code: 'ECONNRESET', bounded: false }],
    ['a terminated connection', new Error('Connection terminated unexpectedly'), { kind: 'transient', code: 'connection', bounded: false }],
    ['an unexpected error', new TypeError('undefined is not a function'), { kind: 'transient', code: 'unexpected-error', bounded: true }],
    ['a thrown string', 'boom', { kind: 'transient', code: 'unexpected-error', bounded: true }],
  ])('classifies %s', (_label, error, expected) => {
    expect(classifyFailure(error)).toMatchObject(expected);
  });
});

describe('backoffDelay', () => {
  const policy = { initialMs: 100, maxMs: 1000, jitter: 0 };
  it.each([
    [1, 100],
    [2, 200],
    [4, 800],
    [5, 1000],
    [30, 1000],
  ])('waits %s -> %s ms without jitter', (attempt, expected) => {
    expect(backoffDelay(attempt, policy)).toBe(expected);
  });

  it.each([0, 0.5, 0.999])('keeps jitter within its share (random %s)', (random) => {
    const delay = backoffDelay(3, { initialMs: 100, maxMs: 10_000, jitter: 0.2 }, () => random);
    expect(delay).toBeGreaterThanOrEqual(320);
    expect(delay).toBeLessThanOrEqual(480);
  });
});
