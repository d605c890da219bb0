import { Injectable } from '@nestjs/common';
import { listResponse } from '@bridge/scim';
import type { ScimContext } from '../scim-http/scim-gateway.service';
import { describeFilter, pageOf, parseEqualityFilter, readPaging } from '../scim-http/scim-query.rules';
import type { ZoomReply } from '../scim-http/zoom-error.rules';
import { ZoomSimErrorCode, ZoomSimException } from '../scim-http/zoom-sim.exception';
import { SimClock } from '../state/sim-clock.service';
import type { SimAccount, SimUser } from '../state/sim-state.model';
import { SimStateService } from '../state/sim-state.service';
import { generateZoomId } from '../state/zoom-id.rules';
import { isOnAssociatedDomain } from './email-domain.rules';
import { mergeUserAttributes, newUserAttributes, readUserBody } from './user-body.rules';
import { readActivePatch } from './user-patch.rules';
import { toUserListEntry, toUserResource } from './user-resource.mapper';

/** Zoom's six user operations over the in-memory state, with Zoom's rules and refusals. */
@Injectable()
export class UsersService {
  constructor(
    private readonly state: SimStateService,
    private readonly clock: SimClock,
  ) {}

  list({ account, baseUrl }: ScimContext, query: Record<string, unknown>): ZoomReply {
    const paging = readPaging(query['startIndex'], query['count']);
    const filter = query['filter'];
    if (filter === undefined) {
      const page = pageOf(account.users.values(), paging).map((user) => toUserListEntry(user, baseUrl));
      return { status: 200, body: listResponse(page, account.users.size, paging.startIndex) };
    }
    const parsed = typeof filter === 'string' ? parseEqualityFilter(filter) : undefined;
    if (parsed === undefined || parsed.attribute.toLowerCase() !== 'username') {
      throw new ZoomSimException(ZoomSimErrorCode.INVALID_REQUEST, `Unsupported filter: ${describeFilter(filter)}. Only userName eq "<email>" is supported.`);
    }
    const user = this.state.userByName(parsed.value);
    if (user === undefined) {
      return { status: 200, body: listResponse([], 0, paging.startIndex) };
    }
    // Zoom's quirk: an invited-but-pending user, or one whose Zoom account is elsewhere, is an error, not an empty list.
    if (user.accountId !== account.config.id || user.state !== 'active') {
      throw new ZoomSimException(ZoomSimErrorCode.USER_NOT_IN_ACCOUNT, `User ${parsed.value} not exist or not belong to this account.`);
    }
    const page = paging.startIndex === 1 && paging.count > 0 ? [toUserListEntry(user, baseUrl)] : [];
    return { status: 200, body: listResponse(page, 1, paging.startIndex) };
  }

  create({ account, baseUrl, body }: ScimContext): ZoomReply {
    const changes = readUserBody(body, 'create');
    const attributes = newUserAttributes({ ...changes, userName: changes.userName as string });
    this.assertOnDomain(account, [attributes.userName, ...attributes.emails.map((email) => email.value)]);
    if (this.state.userByName(attributes.userName) !== undefined) {
      throw new ZoomSimException(ZoomSimErrorCode.USER_EXISTS, `User ${attributes.userName} already exists.`);
    }
    const now = this.clock.now();
    const user: SimUser = { ...attributes, id: generateZoomId(), accountId: account.config.id, state: 'active', role: 'Member', created: now, lastModified: now };
    this.state.addUser(account, user);
    return { status: 201, body: toUserResource(user, baseUrl) };
  }

  get({ account, baseUrl }: ScimContext, id: string): ZoomReply {
    return { status: 200, body: toUserResource(this.userOf(account, id), baseUrl) };
  }

  /** PUT is partial in Zoom ("send only the fields to change"); it answers 200 with the user. */
  update({ account, baseUrl, body }: ScimContext, id: string): ZoomReply {
    const user = this.userOf(account, id);
    const changes = readUserBody(body, 'update');
    const renamed = changes.userName !== undefined && changes.userName !== user.userName;
    const known = new Set(user.emails.map((email) => email.value));
    const newEmails = (changes.emails ?? []).map((email) => email.value).filter((email) => !known.has(email));
    this.assertOnDomain(account, renamed ? [changes.userName as string, ...newEmails] : newEmails);
    if (renamed && this.state.userByName(changes.userName as string) !== undefined) {
      throw new ZoomSimException(ZoomSimErrorCode.USER_EXISTS, `User ${changes.userName} already exists.`);
    }
    if (changes.active === false && user.active) {
      this.assertDeactivatable(user);
    }
    const { userName, ...rest } = mergeUserAttributes(user, changes);
    Object.assign(user, rest, { lastModified: this.clock.now() });
    if (renamed) {
      this.state.renameUser(user, userName);
    }
    return { status: 200, body: toUserResource(user, baseUrl) };
  }

  /** PATCH only activates or deactivates. Zoom answers 200 with the user (its changelog lists PATCH response fields). */
  setActive({ account, baseUrl, body }: ScimContext, id: string): ZoomReply {
    const user = this.userOf(account, id);
    const active = readActivePatch(body);
    if (!active && user.active) {
      this.assertDeactivatable(user);
    }
    if (user.active !== active) {
      user.active = active;
      user.lastModified = this.clock.now();
    }
    return { status: 200, body: toUserResource(user, baseUrl) };
  }

  remove({ account }: ScimContext, id: string): ZoomReply {
    const user = this.userOf(account, id);
    if (user.role === 'Owner') {
      throw new ZoomSimException(ZoomSimErrorCode.OWNER_NOT_DELETABLE);
    }
    this.state.removeUser(account, user);
    return { status: 204 };
  }

  private userOf(account: SimAccount, id: string): SimUser {
    const user = account.users.get(id);
    if (user === undefined) {
      throw new ZoomSimException(ZoomSimErrorCode.USER_NOT_FOUND, `User does not exist: ${id}.`);
    }
    return user;
  }

  private assertOnDomain(account: SimAccount, emails: readonly string[]): void {
    if (emails.some((email) => !isOnAssociatedDomain(email, account.config.domains))) {
      throw new ZoomSimException(ZoomSimErrorCode.DOMAIN_MISMATCH);
    }
  }

  private assertDeactivatable(user: SimUser): void {
    if (user.role !== 'Member') {
      throw new ZoomSimException(ZoomSimErrorCode.ADMIN_NOT_DEACTIVATABLE);
    }
  }
}
