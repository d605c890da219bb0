import type { ZoomUserCommand } from '@bridge/contracts';
import { CommandPriority, commandPriority } from './command-priority.rules';

const command = (desired: ZoomUserCommand['desired']): ZoomUserCommand => ({
  scimUserId: 'u1',
  userName: 'a@example.com',
  sourceChange: 'patched',
  sourceVersion: 2,
  desired,
});

describe('commandPriority', () => {
  it.each([
    ['a deletion', command({ state: 'absent' }), CommandPriority.REVOKE_ACCESS],
    ['a deactivation', command({ state: 'present', active: false, user: {} }), CommandPriority.REVOKE_ACCESS],
    ['a create or update', command({ state: 'present', active: true, user: {} }), CommandPriority.PROVISION],
  ])('puts %s in its class', (_label, input, expected) => {
    expect(commandPriority(input)).toBe(expected);
  });
});
