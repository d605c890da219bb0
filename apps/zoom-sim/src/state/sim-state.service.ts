import { Injectable } from '@nestjs/common';
import type { AccountConfig } from './account-config.schema';
import { AccountConflictException } from './account-conflict.exception';
import type { SimAccount, SimGroup, SimUser } from './sim-state.model';
import { SimClock } from './sim-clock.service';
import { generateZoomId } from './zoom-id.rules';

/**
 * Every account, user and group the simulator holds, with the indexes that keep each request O(1):
 * users by id (per account) and by lower-cased userName (across all accounts, since an email has at
 * most one Zoom account anywhere), accounts by static token and by OAuth client id.
 */
@Injectable()
export class SimStateService {
  private readonly accounts = new Map<string, SimAccount>();
  private readonly usersByName = new Map<string, SimUser>();
  private readonly accountIdsByStaticToken = new Map<string, string>();
  private readonly accountIdsByClientId = new Map<string, string>();

  constructor(private readonly clock: SimClock) {}

  /** Creates the account, or replaces it with an empty one (only its default group). */
  putAccount(config: AccountConfig): SimAccount {
    this.assertCredentialsFree(config);
    this.removeAccount(config.id);
    const account: SimAccount = { config, users: new Map(), pendingUsers: new Map(), foreignUsers: new Map(), groups: new Map(), groupIdsByName: new Map() };
    this.accounts.set(config.id, account);
    if (config.staticToken !== undefined) {
      this.accountIdsByStaticToken.set(config.staticToken, config.id);
    }
    if (config.oauth !== undefined) {
      this.accountIdsByClientId.set(config.oauth.clientId, config.id);
    }
    const now = this.clock.now();
    this.addGroup(account, { id: generateZoomId(), displayName: config.defaultGroupName, isDefault: true, members: new Set(), created: now, lastModified: now });
    return account;
  }

  removeAccount(id: string): void {
    const account = this.accounts.get(id);
    if (account === undefined) {
      return;
    }
    for (const user of [...account.users.values(), ...account.pendingUsers.values(), ...account.foreignUsers.values()]) {
      this.usersByName.delete(user.userName);
    }
    if (account.config.staticToken !== undefined) {
      this.accountIdsByStaticToken.delete(account.config.staticToken);
    }
    if (account.config.oauth !== undefined) {
      this.accountIdsByClientId.delete(account.config.oauth.clientId);
    }
    this.accounts.delete(id);
  }

  clear(): void {
    for (const id of [...this.accounts.keys()]) {
      this.removeAccount(id);
    }
  }

  account(id: string): SimAccount | undefined {
    return this.accounts.get(id);
  }

  allAccounts(): IterableIterator<SimAccount> {
    return this.accounts.values();
  }

  accountIdForStaticToken(token: string): string | undefined {
    return this.accountIdsByStaticToken.get(token);
  }

  accountIdForClient(clientId: string): string | undefined {
    return this.accountIdsByClientId.get(clientId);
  }

  /** The user with this email in any account, or a foreign (personal) one. */
  userByName(userName: string): SimUser | undefined {
    return this.usersByName.get(userName.toLowerCase());
  }

  addUser(account: SimAccount, user: SimUser): void {
    usersIn(account, user).set(user.id, user);
    this.usersByName.set(user.userName, user);
  }

  renameUser(user: SimUser, userName: string): void {
    this.usersByName.delete(user.userName);
    user.userName = userName;
    this.usersByName.set(userName, user);
  }

  /** Removes the user from the account, the email index and every group of the account. */
  removeUser(account: SimAccount, user: SimUser): void {
    usersIn(account, user).delete(user.id);
    this.usersByName.delete(user.userName);
    for (const group of account.groups.values()) {
      group.members.delete(user.id);
    }
  }

  groupByName(account: SimAccount, displayName: string): SimGroup | undefined {
    const id = account.groupIdsByName.get(displayName.toLowerCase());
    return id === undefined ? undefined : account.groups.get(id);
  }

  addGroup(account: SimAccount, group: SimGroup): void {
    account.groups.set(group.id, group);
    account.groupIdsByName.set(group.displayName.toLowerCase(), group.id);
  }

  renameGroup(account: SimAccount, group: SimGroup, displayName: string): void {
    account.groupIdsByName.delete(group.displayName.toLowerCase());
    group.displayName = displayName;
    account.groupIdsByName.set(displayName.toLowerCase(), group.id);
  }

  removeGroup(account: SimAccount, group: SimGroup): void {
    account.groups.delete(group.id);
    account.groupIdsByName.delete(group.displayName.toLowerCase());
  }

  private assertCredentialsFree(config: AccountConfig): void {
    const tokenOwner = config.staticToken === undefined ? undefined : this.accountIdsByStaticToken.get(config.staticToken);
    if (tokenOwner !== undefined && tokenOwner !== config.id) {
      throw new AccountConflictException(`the static token is already used by account ${tokenOwner}`);
    }
    const clientOwner = config.oauth === undefined ? undefined : this.accountIdsByClientId.get(config.oauth.clientId);
    if (clientOwner !== undefined && clientOwner !== config.id) {
      throw new AccountConflictException(`the OAuth client ${config.oauth?.clientId ?? ''} is already used by account ${clientOwner}`);
    }
  }
}

function usersIn(account: SimAccount, user: SimUser): Map<string, SimUser> {
  switch (user.state) {
    case 'active':
      return account.users;
    case 'pending':
      return account.pendingUsers;
    case 'foreign':
      return account.foreignUsers;
    default: {
      const unknownState: never = user.state;
      throw new Error(`unknown user state ${String(unknownState)}`);
    }
  }
}
