import { z } from 'zod';
import { causedBy, derivedMessageId, newMessageId } from './envelope';

describe('message ids', () => {
  it('derives the same id from the same cause and purpose', () => {
    const cause = newMessageId();
    expect(derivedMessageId(cause, 'zoom-command')).toBe(derivedMessageId(cause, 'zoom-command'));
  });

  it.each([
    ['another purpose', (cause: string) => derivedMessageId(cause, 'rejection')],
    ['another cause', () => derivedMessageId(newMessageId(), 'zoom-command')],
  ])('derives a different id for %s', (_label, other) => {
    const cause = newMessageId();
    expect(other(cause)).not.toBe(derivedMessageId(cause, 'zoom-command'));
  });

  it('derives valid UUIDs', () => {
    expect(z.uuid().safeParse(derivedMessageId(newMessageId(), 'x')).success).toBe(true);
  });

  it('carries tenant and correlation into the messages a message causes', () => {
    const cause = { id: 'm1', tenantId: 't', correlationId: 'c', type: 'x', occurredAt: '', causationId: null, schemaVersion: 1, data: {} };
    expect(causedBy(cause)).toEqual({ tenantId: 't', correlationId: 'c', causationId: 'm1' });
  });
});
