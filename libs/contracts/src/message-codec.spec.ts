import { ContractViolation, createMessage, parseMessage, resourceKey } from './message-codec';
import { Topics } from './topics';

const origin = { tenantId: 'acme', correlationId: 'corr-1' };
const user = { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], id: 'u1', userName: 'a@acme.test', active: true };

describe('message codec', () => {
  it('creates an envelope with the topic type, version, ids and time', () => {
    const message = createMessage(Topics.scimUserChanged, origin, { change: 'created', userId: 'u1', version: 1, user });
    expect(message).toMatchObject({
      type: 'scim.user.changed',
      schemaVersion: 1,
      tenantId: 'acme',
      correlationId: 'corr-1',
      causationId: null,
    });
    expect(message.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(Number.isNaN(Date.parse(message.occurredAt))).toBe(false);
  });

  it('round-trips a valid message through JSON', () => {
    const message = createMessage(Topics.scimUserChanged, origin, { change: 'created', userId: 'u1', version: 1, user });
    const parsed = parseMessage(Topics.scimUserChanged, JSON.parse(JSON.stringify(message)));
    expect(parsed).toEqual(message);
  });

  it('keeps extension attributes of a user snapshot', () => {
    const ext = { 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': { department: 'Sales' } };
    const message = createMessage(Topics.scimUserChanged, origin, {
      change: 'created',
      userId: 'u1',
      version: 1,
      user: { ...user, ...ext },
    });
    const parsed = parseMessage(Topics.scimUserChanged, JSON.parse(JSON.stringify(message)));
    expect(parsed.data.user).toMatchObject(ext);
  });

  it.each([
    ['a missing envelope field', (m: Record<string, unknown>) => ({ ...m, tenantId: undefined })],
    ['a non-uuid id', (m: Record<string, unknown>) => ({ ...m, id: 'nope' })],
    ['another topic type', (m: Record<string, unknown>) => ({ ...m, type: 'zoom.user.command' })],
    ['a newer schema version', (m: Record<string, unknown>) => ({ ...m, schemaVersion: 2 })],
    ['data of the wrong shape', (m: Record<string, unknown>) => ({ ...m, data: { change: 'exploded' } })],
  ])('rejects %s as a contract violation', (_label, mutate) => {
    const message = createMessage(Topics.scimUserChanged, origin, { change: 'created', userId: 'u1', version: 1, user });
    expect(() => parseMessage(Topics.scimUserChanged, mutate({ ...message }))).toThrow(ContractViolation);
  });

  it('rejects something that is not an object', () => {
    expect(() => parseMessage(Topics.zoomCallResult, 'hello')).toThrow(ContractViolation);
  });

  it('keys resources by tenant and id', () => {
    expect(resourceKey('acme', 'u1')).toBe('acme:u1');
  });
});
