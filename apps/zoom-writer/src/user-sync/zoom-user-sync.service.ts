import { Injectable } from '@nestjs/common';
import type { ZoomCall, ZoomUserCommand } from '@bridge/contracts';
import { SchemaUrns } from '@bridge/scim';
import type { TenantConfig } from '@bridge/tenancy';
import { ZoomCallError, ZoomScimClient } from '../zoom-api/zoom-scim.client';
import { ZoomWriteErrorCode } from '../zoom-api/zoom-response.rules';
import { activePatchBody, changedAttributes, profileOf, putBody, type UserAttributes } from './user-diff.rules';

/** What the bridge knows of a linked Zoom user. */
export interface LinkedZoomUser {
  zoomUserId: string;
  active: boolean;
  /** The profile last applied; null when the user was linked rather than created by the bridge. */
  appliedAttributes: UserAttributes | null;
}

export interface SyncRequest {
  tenant: TenantConfig;
  command: ZoomUserCommand;
  link: LinkedZoomUser | null;
  /** An earlier attempt may have reached Zoom: find the user before creating it. */
  lookupFirst: boolean;
  /** Every call made is appended here, failed ones included, for the result record. */
  calls: ZoomCall[];
}

export interface SyncOutcome {
  operation: string;
  /** The link to store; absent when there is no Zoom user to link. */
  link?: LinkedZoomUser;
}

type Lookup = { found: true; id: string; active: boolean } | { found: false };

/** Brings one Zoom user to the state a command describes, with as few Zoom calls as it takes. */
@Injectable()
export class ZoomUserSyncService {
  constructor(private readonly zoom: ZoomScimClient) {}

  async sync(request: SyncRequest): Promise<SyncOutcome> {
    const { command, lookupFirst } = request;
    let link = request.link;
    const operations: string[] = [];
    // An earlier attempt may have created the user; and a user Okta deactivates without the
    // bridge knowing it is most likely someone already in Zoom, not someone to create inactive.
    const revokesAccess = command.desired.state === 'absent' || !command.desired.active;
    if (link === null && (lookupFirst || revokesAccess)) {
      const found = await this.lookup(request);
      if (found.found) {
        link = { zoomUserId: found.id, active: found.active, appliedAttributes: null };
        operations.push('link-user');
      }
    }
    const desired = command.desired;
    if (desired.state === 'absent') {
      // A SCIM delete removes Zoom access but keeps the Zoom account and its data: deactivate.
      if (link === null) {
        return { operation: 'none' };
      }
      if (link.active) {
        await this.call(request, 'PATCH', userPath(link.zoomUserId), activePatchBody(false));
        operations.push('deactivate-user');
      }
      return { operation: operations.join('+') || 'none', link: { ...link, active: false } };
    }
    if (link === null) {
      link = await this.create(request, desired.user, desired.active, operations);
    }
    if (link.active !== desired.active) {
      // Before any PUT: losing access is what matters most, and Zoom's PATCH is the way to flip it.
      await this.call(request, 'PATCH', userPath(link.zoomUserId), activePatchBody(desired.active));
      operations.push(desired.active ? 'reactivate-user' : 'deactivate-user');
    }
    const changed = changedAttributes(link.appliedAttributes, desired.user);
    if (Object.keys(changed).length > 0) {
      await this.call(request, 'PUT', userPath(link.zoomUserId), putBody(changed, desired.user));
      operations.push('update-user');
    }
    return {
      operation: operations.join('+') || 'no-change',
      link: { zoomUserId: link.zoomUserId, active: desired.active, appliedAttributes: profileOf(desired.user) },
    };
  }

  private async create(request: SyncRequest, user: UserAttributes, active: boolean, operations: string[]): Promise<LinkedZoomUser> {
    try {
      const created = await this.call(request, 'POST', '/Users', { schemas: [SchemaUrns.user], ...user, active });
      operations.push('create-user');
      return { zoomUserId: readId(created), active, appliedAttributes: profileOf(user) };
    } catch (error) {
      if (!(error instanceof ZoomCallError) || error.failure.code !== ZoomWriteErrorCode.USER_EXISTS_ELSEWHERE) {
        throw error;
      }
      // Zoom has this email. Ours only if this account's userName filter finds it (it answers for
      // this account's users only); a pending invite or a foreign account answers 400 instead.
      const found = await this.lookup(request);
      if (!found.found) {
        throw error;
      }
      operations.push('link-user');
      return { zoomUserId: found.id, active: found.active, appliedAttributes: null };
    }
  }

  private async lookup(request: SyncRequest): Promise<Lookup> {
    const filter = encodeURIComponent(`userName eq "${request.command.userName.replace(/"/g, '\\"')}"`);
    const body = await this.call(request, 'GET', `/Users?filter=${filter}&startIndex=1&count=1`);
    const resources = (body as { Resources?: { id?: unknown; active?: unknown }[] } | undefined)?.Resources ?? [];
    const match = resources.find((resource) => typeof resource.id === 'string');
    return match === undefined ? { found: false } : { found: true, id: match.id as string, active: match.active !== false };
  }

  private async call(request: SyncRequest, method: string, path: string, body?: unknown): Promise<unknown> {
    try {
      const response = await this.zoom.request(request.tenant, method, path, method === 'GET' && !path.startsWith('/Users/') ? 'medium' : 'light', body);
      request.calls.push(response.call);
      return response.body;
    } catch (error) {
      if (error instanceof ZoomCallError && error.call !== undefined) {
        request.calls.push(error.call);
      }
      throw error;
    }
  }
}

function userPath(zoomUserId: string): string {
  return `/Users/${encodeURIComponent(zoomUserId)}`;
}

function readId(body: unknown): string {
  const id = (body as { id?: unknown } | undefined)?.id;
  if (typeof id !== 'string' || id === '') {
    throw new ZoomCallError({ code: ZoomWriteErrorCode.UNEXPECTED, message: 'Zoom created the user but returned no id' });
  }
  return id;
}
