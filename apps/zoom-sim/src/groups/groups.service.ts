import { Injectable } from '@nestjs/common';
import { listResponse } from '@bridge/scim';
import type { ScimContext } from '../scim-http/scim-gateway.service';
import { describeFilter, pageOf, parseEqualityFilter, readPaging } from '../scim-http/scim-query.rules';
import type { ZoomReply } from '../scim-http/zoom-error.rules';
import { ZoomSimErrorCode, ZoomSimException } from '../scim-http/zoom-sim.exception';
import { SimClock } from '../state/sim-clock.service';
import type { SimAccount, SimGroup } from '../state/sim-state.model';
import { SimStateService } from '../state/sim-state.service';
import { generateZoomId } from '../state/zoom-id.rules';
import { assertGroupBodySize, invalidGroup, readGroupCreate, readGroupPatch, type GroupChange } from './group-body.rules';
import { toGroupListEntry, toGroupResource } from './group-resource.mapper';

interface GroupDraftState {
  displayName: string;
  members: Set<string>;
  emailAlias?: string;
}

/** Zoom's five group operations; errors come in Zoom's `{code, message}` style. */
@Injectable()
export class GroupsService {
  constructor(
    private readonly state: SimStateService,
    private readonly clock: SimClock,
  ) {}

  list({ account, baseUrl }: ScimContext, query: Record<string, unknown>): ZoomReply {
    const paging = readPaging(query['startIndex'], query['count']);
    const filter = query['filter'];
    if (filter === undefined) {
      const page = pageOf(account.groups.values(), paging).map((group) => toGroupListEntry(group, baseUrl));
      return { status: 200, body: listResponse(page, account.groups.size, paging.startIndex) };
    }
    const parsed = typeof filter === 'string' ? parseEqualityFilter(filter) : undefined;
    if (parsed === undefined || parsed.attribute.toLowerCase() !== 'displayname') {
      throw invalidGroup(`Unsupported filter: ${describeFilter(filter)}. Only displayName eq "<name>" is supported.`);
    }
    const group = this.state.groupByName(account, parsed.value);
    const matches = group === undefined ? [] : [group];
    return { status: 200, body: listResponse(pageOf(matches, paging).map((match) => toGroupListEntry(match, baseUrl)), matches.length, paging.startIndex) };
  }

  create({ account, baseUrl, body, bodyChars }: ScimContext): ZoomReply {
    assertGroupBodySize(bodyChars);
    const draft = readGroupCreate(body);
    this.assertNameFree(account, draft.displayName);
    this.assertMembers(account, draft.memberIds);
    const now = this.clock.now();
    const group: SimGroup = {
      id: generateZoomId(),
      displayName: draft.displayName,
      isDefault: false,
      members: new Set(draft.memberIds),
      ...(draft.emailAlias === undefined ? {} : { emailAlias: draft.emailAlias }),
      created: now,
      lastModified: now,
    };
    this.state.addGroup(account, group);
    return { status: 201, body: toGroupResource(account, group, baseUrl) };
  }

  get({ account, baseUrl }: ScimContext, id: string): ZoomReply {
    return { status: 200, body: toGroupResource(account, this.groupOf(account, id), baseUrl) };
  }

  /** Applies every operation or none; adding a member twice or removing an absent one is a no-op. Zoom answers 204. */
  update({ account, body, bodyChars }: ScimContext, id: string): ZoomReply {
    assertGroupBodySize(bodyChars);
    const group = this.groupOf(account, id);
    const draft: GroupDraftState = { displayName: group.displayName, members: new Set(group.members), emailAlias: group.emailAlias };
    for (const change of readGroupPatch(body)) {
      this.applyChange(account, draft, change);
    }
    if (draft.displayName !== group.displayName) {
      this.assertNameFree(account, draft.displayName, group.id);
      this.state.renameGroup(account, group, draft.displayName);
    }
    group.members = draft.members;
    group.emailAlias = draft.emailAlias;
    group.lastModified = this.clock.now();
    return { status: 204 };
  }

  remove({ account }: ScimContext, id: string): ZoomReply {
    const group = this.groupOf(account, id);
    if (group.isDefault) {
      throw new ZoomSimException(ZoomSimErrorCode.DEFAULT_GROUP_NOT_DELETABLE);
    }
    this.state.removeGroup(account, group);
    return { status: 204 };
  }

  private applyChange(account: SimAccount, draft: GroupDraftState, change: GroupChange): void {
    switch (change.kind) {
      case 'add-members':
        this.assertMembers(account, change.ids);
        change.ids.forEach((memberId) => draft.members.add(memberId));
        return;
      case 'remove-members':
        change.ids.forEach((memberId) => draft.members.delete(memberId));
        return;
      case 'remove-all-members':
        draft.members.clear();
        return;
      case 'replace-members':
        this.assertMembers(account, change.ids);
        draft.members = new Set(change.ids);
        return;
      case 'rename':
        draft.displayName = change.displayName;
        return;
      case 'set-email-alias':
        draft.emailAlias = change.emailAlias;
        return;
      default: {
        const unhandled: never = change;
        throw new Error(`unknown group change ${JSON.stringify(unhandled)}`);
      }
    }
  }

  private groupOf(account: SimAccount, id: string): SimGroup {
    const group = account.groups.get(id);
    if (group === undefined) {
      throw new ZoomSimException(ZoomSimErrorCode.GROUP_NOT_FOUND, `Group does not exist: ${id}.`);
    }
    return group;
  }

  private assertNameFree(account: SimAccount, displayName: string, exceptId?: string): void {
    const holder = this.state.groupByName(account, displayName);
    if (holder !== undefined && holder.id !== exceptId) {
      throw new ZoomSimException(ZoomSimErrorCode.GROUP_NAME_TAKEN, `Group name already exists: ${displayName}.`);
    }
  }

  // Members must be users of this account; pending invitees and other accounts' users are not.
  private assertMembers(account: SimAccount, ids: readonly string[]): void {
    const missing = ids.find((memberId) => !account.users.has(memberId));
    if (missing !== undefined) {
      throw new ZoomSimException(ZoomSimErrorCode.GROUP_MEMBER_NOT_FOUND, `User does not exist: ${missing}.`);
    }
  }
}
