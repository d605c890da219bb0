import type { ZoomUserCommand } from '@bridge/contracts';

/** Lower runs first: a user removed in Okta loses Zoom access ahead of bulk creates and updates. */
export enum CommandPriority {
  REVOKE_ACCESS = 0,
  PROVISION = 1,
}

export function commandPriority(command: ZoomUserCommand): CommandPriority {
  const desired = command.desired;
  return desired.state === 'absent' || !desired.active ? CommandPriority.REVOKE_ACCESS : CommandPriority.PROVISION;
}
