import { createHash } from 'node:crypto';
import { GENESIS_HASH, canonicalContent, canonicalRecord, chainHash, placeInChain, type ChainedFields } from './canonical-record';

const fields: ChainedFields = {
  id: '6f1c7a8e-3a53-4c51-9a3b-0d2f5f0e9c11',
  tenantId: 'acme',
  seq: '42',
  recordedAt: '2026-11-29T10:00:00.000Z',
  occurredAt: '2026-11-29T09:59:59.999Z',
  eventType: 'user.create.requested',
  topic: 'scim.user.changed.v1',
  actorType: 'okta',
  actorId: 'okta-ingest',
  outcome: 'success',
  reason: 'quote " backslash \\ newline \n',
  correlationId: 'corr-1',
  causationId: null,
  targetsJson: '[{"id":"u-1","type":"user"}]',
  detailsJson: '{"change":"created"}',
};

describe('canonicalRecord', () => {
  it('is one fixed-order JSON array whose last two elements are the JSON columns as stored', () => {
    expect(canonicalRecord(fields)).toBe(
      '[1,"6f1c7a8e-3a53-4c51-9a3b-0d2f5f0e9c11","acme","42","2026-11-29T10:00:00.000Z","2026-11-29T09:59:59.999Z","user.create.requested",' +
        '"scim.user.changed.v1","okta","okta-ingest","success","quote \\" backslash \\\\ newline \\n","corr-1",null,[{"id":"u-1","type":"user"}],{"change":"created"}]',
    );
  });

  it('is the content prepared before the chain position plus that position', () => {
    expect(placeInChain(canonicalContent(fields), fields.seq, fields.recordedAt)).toBe(canonicalRecord(fields));
  });
});

describe('chainHash', () => {
  it('is SHA-256 over the previous hash followed by the canonical record', () => {
    const canonical = canonicalRecord(fields);
    expect(chainHash(GENESIS_HASH, canonical)).toBe(createHash('sha256').update(GENESIS_HASH).update(canonical).digest('hex'));
  });
});
