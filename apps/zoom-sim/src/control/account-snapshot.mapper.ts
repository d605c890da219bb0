import type { Faults } from '../faults/faults.schema';
import { toGroupResource } from '../groups/group-resource.mapper';
import type { AccountConfig } from '../state/account-config.schema';
import type { SimAccount } from '../state/sim-state.model';
import { toUserResource, type ScimJson } from '../users/user-resource.mapper';

/** An account's settings without its secrets (the static token and the OAuth client secret). */
export function toAccountSummary(config: AccountConfig): ScimJson {
  const { staticToken, oauth, ...settings } = config;
  return {
    ...settings,
    hasStaticToken: staticToken !== undefined,
    oauth: oauth === undefined ? null : { clientId: oauth.clientId, tokenLifetimeSeconds: oauth.tokenLifetimeSeconds },
  };
}

/** Everything the account holds, for tests and the demo: users in SCIM form plus their state and Zoom role. */
export function toAccountSnapshot(account: SimAccount, faults: Faults | undefined, baseUrl: string): ScimJson {
  return {
    account: toAccountSummary(account.config),
    faults: faults ?? null,
    users: [...account.users.values(), ...account.pendingUsers.values()].map((user) => ({
      ...toUserResource(user, baseUrl),
      state: user.state,
      role: user.role,
    })),
    foreignUsers: [...account.foreignUsers.values()].map(({ id, userName, state, role }) => ({ id, userName, state, role })),
    groups: [...account.groups.values()].map((group) => ({ ...toGroupResource(account, group, baseUrl), isDefault: group.isDefault })),
  };
}
