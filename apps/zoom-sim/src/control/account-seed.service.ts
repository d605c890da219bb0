import { BadRequestException, ConflictException, Injectable } from '@nestjs/common';
import type { AccountSeed } from '../state/account-config.schema';
import { SimClock } from '../state/sim-clock.service';
import type { SimAccount, SimGroup, SimUser, UserState, ZoomRole } from '../state/sim-state.model';
import { SimStateService } from '../state/sim-state.service';
import { generateZoomId } from '../state/zoom-id.rules';

export interface SeedResult {
  users: { id: string; userName: string; state: UserState; role: ZoomRole }[];
  groups: { id: string; displayName: string }[];
}

/**
 * Puts users (active, pending or foreign, with a Zoom role) and groups straight into an account,
 * bypassing the SCIM rules. Everything is checked before anything is added.
 */
@Injectable()
export class AccountSeedService {
  constructor(
    private readonly state: SimStateService,
    private readonly clock: SimClock,
  ) {}

  seed(account: SimAccount, seed: AccountSeed): SeedResult {
    const now = this.clock.now();
    const users: SimUser[] = seed.users.map((entry) => ({
      id: entry.id ?? generateZoomId(),
      accountId: account.config.id,
      state: entry.state,
      role: entry.role,
      userName: entry.userName,
      ...(entry.givenName === undefined ? {} : { givenName: entry.givenName }),
      ...(entry.familyName === undefined ? {} : { familyName: entry.familyName }),
      emails: [{ value: entry.userName, type: 'work', primary: true }],
      active: entry.active,
      userType: entry.userType,
      created: now,
      lastModified: now,
    }));
    this.assertUsersNew(account, users);
    const members = new Map<string, string>();
    for (const user of [...account.users.values(), ...users.filter((candidate) => candidate.state === 'active')]) {
      members.set(user.id, user.id);
      members.set(user.userName, user.id);
    }
    const groups: SimGroup[] = seed.groups.map((entry) => ({
      id: entry.id ?? generateZoomId(),
      displayName: entry.displayName,
      isDefault: false,
      members: new Set(entry.members.map((reference) => memberId(members, reference, entry.displayName))),
      ...(entry.emailAlias === undefined ? {} : { emailAlias: entry.emailAlias }),
      created: now,
      lastModified: now,
    }));
    this.assertGroupsNew(account, groups);
    users.forEach((user) => this.state.addUser(account, user));
    groups.forEach((group) => this.state.addGroup(account, group));
    return {
      users: users.map(({ id, userName, state, role }) => ({ id, userName, state, role })),
      groups: groups.map(({ id, displayName }) => ({ id, displayName })),
    };
  }

  private assertUsersNew(account: SimAccount, users: readonly SimUser[]): void {
    const names = new Set<string>();
    const ids = new Set<string>();
    for (const user of users) {
      const holder = this.state.userByName(user.userName);
      if (holder !== undefined || names.has(user.userName)) {
        throw new ConflictException(`${user.userName} already has a Zoom account${holder === undefined ? '' : ` (in ${holder.accountId})`}`);
      }
      if (ids.has(user.id) || account.users.has(user.id) || account.pendingUsers.has(user.id) || account.foreignUsers.has(user.id)) {
        throw new ConflictException(`user id ${user.id} is already used in account ${account.config.id}`);
      }
      names.add(user.userName);
      ids.add(user.id);
    }
  }

  private assertGroupsNew(account: SimAccount, groups: readonly SimGroup[]): void {
    const names = new Set<string>();
    for (const group of groups) {
      const name = group.displayName.toLowerCase();
      if (this.state.groupByName(account, name) !== undefined || names.has(name) || account.groups.has(group.id)) {
        throw new ConflictException(`group ${group.displayName} (or its id) already exists in account ${account.config.id}`);
      }
      names.add(name);
    }
  }
}

function memberId(members: ReadonlyMap<string, string>, reference: string, group: string): string {
  const id = members.get(reference) ?? members.get(reference.toLowerCase());
  if (id === undefined) {
    throw new BadRequestException(`group ${group}: member ${reference} is not an active user of the account`);
  }
  return id;
}
