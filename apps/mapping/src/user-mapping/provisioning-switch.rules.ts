import type { UserChange } from '@bridge/contracts';

export interface ProvisioningSwitches {
  createUsers: boolean;
  updateUserAttributes: boolean;
  deactivateUsers: boolean;
}

export type SwitchName = keyof ProvisioningSwitches;

/** Okta's "Provisioning to App" switch that governs each kind of change. */
export function governingSwitch(change: UserChange): SwitchName {
  switch (change) {
    case 'created':
      return 'createUsers';
    case 'replaced':
    case 'patched':
      return 'updateUserAttributes';
    case 'deactivated':
    case 'reactivated':
    case 'deleted':
      return 'deactivateUsers';
  }
}

export const SWITCH_LABELS: Record<SwitchName, string> = {
  createUsers: 'Create Users',
  updateUserAttributes: 'Update User Attributes',
  deactivateUsers: 'Deactivate Users',
};
