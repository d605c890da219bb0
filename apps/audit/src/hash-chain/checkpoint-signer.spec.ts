import { checkpointKey } from './checkpoint-key.config';
import { checkpointSignatureValid, signCheckpoint } from './checkpoint-signer';

const key = checkpointKey('a'.repeat(40));
const signed = signCheckpoint({ tenantId: 'acme', kind: 'periodic', seq: '10', hash: 'f'.repeat(64), createdAt: '2026-01-01T00:00:00.000Z' }, key);

describe('checkpoint signatures', () => {
  it('verifies its own signature', () => {
    expect(checkpointSignatureValid(signed, key)).toBe(true);
  });

  it.each([
    ['another seq', { seq: '9' }],
    ['another hash', { hash: 'e'.repeat(64) }],
    ['another tenant', { tenantId: 'other' }],
    ['another kind', { kind: 'retention' as const }],
    ['a forged signature', { signature: '0'.repeat(64) }],
  ])('rejects %s', (_name, change) => {
    expect(checkpointSignatureValid({ ...signed, ...change }, key)).toBe(false);
  });

  it('rejects a signature made with another key', () => {
    expect(checkpointSignatureValid(signed, checkpointKey('b'.repeat(40)))).toBe(false);
  });
});
