import { SchemaUrns } from '@bridge/scim';
import type { SimAccount, SimGroup } from '../state/sim-state.model';
import { displayNameOf, type ScimJson } from '../users/user-resource.mapper';

/** The group as `GET /Groups/{id}` returns it, with its members. */
export function toGroupResource(account: SimAccount, group: SimGroup, baseUrl: string): ScimJson {
  const members = [...group.members].map((id) => {
    const user = account.users.get(id);
    return { value: id, display: user === undefined ? id : displayNameOf(user) };
  });
  const resource: ScimJson = { schemas: [SchemaUrns.group], id: group.id, displayName: group.displayName, members };
  if (group.emailAlias !== undefined) {
    resource['schemas'] = [SchemaUrns.group, SchemaUrns.zoomGroup];
    resource[SchemaUrns.zoomGroup] = { emailAlias: group.emailAlias };
  }
  resource['meta'] = meta(group, baseUrl);
  return resource;
}

/** A group in a list: id, name and meta, as Zoom documents its list response. */
export function toGroupListEntry(group: SimGroup, baseUrl: string): ScimJson {
  return { schemas: [SchemaUrns.group], id: group.id, displayName: group.displayName, meta: meta(group, baseUrl) };
}

function meta(group: SimGroup, baseUrl: string): ScimJson {
  return {
    resourceType: 'Group',
    created: new Date(group.created).toISOString(),
    lastModified: new Date(group.lastModified).toISOString(),
    location: `${baseUrl}/Groups/${group.id}`,
  };
}
