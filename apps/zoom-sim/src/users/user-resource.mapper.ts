import { SchemaUrns } from '@bridge/scim';
import type { SimUser } from '../state/sim-state.model';

export type ScimJson = Record<string, unknown>;

/** The user as `GET /Users/{id}` (and POST, PUT, PATCH) return it: core attributes plus the extensions that hold values. */
export function toUserResource(user: SimUser, baseUrl: string): ScimJson {
  const schemas: string[] = [SchemaUrns.user];
  const resource: ScimJson = { schemas, ...coreAttributes(user) };
  if (user.phoneNumbers !== undefined) {
    resource['phoneNumbers'] = user.phoneNumbers;
  }
  if (user.roles !== undefined) {
    resource['roles'] = user.roles;
  }
  if (user.enterprise !== undefined && Object.keys(user.enterprise).length > 0) {
    schemas.push(SchemaUrns.enterpriseUser);
    resource[SchemaUrns.enterpriseUser] = user.enterprise;
  }
  if (user.zoom !== undefined && Object.keys(user.zoom).length > 0) {
    schemas.push(SchemaUrns.zoomUser);
    resource[SchemaUrns.zoomUser] = user.zoom;
  }
  if (user.loginType !== undefined) {
    schemas.push(SchemaUrns.zoomUserLogin);
    resource[SchemaUrns.zoomUserLogin] = { loginType: user.loginType };
  }
  resource['meta'] = meta(user, baseUrl);
  return resource;
}

/** A user in a list: Zoom's list responses leave out phone numbers, roles and every extension. */
export function toUserListEntry(user: SimUser, baseUrl: string): ScimJson {
  return { schemas: [SchemaUrns.user], ...coreAttributes(user), meta: meta(user, baseUrl) };
}

function coreAttributes(user: SimUser): ScimJson {
  return {
    id: user.id,
    userName: user.userName,
    name: {
      ...(user.givenName === undefined ? {} : { givenName: user.givenName }),
      ...(user.familyName === undefined ? {} : { familyName: user.familyName }),
    },
    displayName: displayNameOf(user),
    emails: user.emails,
    active: user.active,
    userType: user.userType,
    ...(user.title === undefined ? {} : { title: user.title }),
    ...(user.locale === undefined ? {} : { locale: user.locale }),
  };
}

function meta(user: SimUser, baseUrl: string): ScimJson {
  return {
    resourceType: 'User',
    created: new Date(user.created).toISOString(),
    lastModified: new Date(user.lastModified).toISOString(),
    location: `${baseUrl}/Users/${user.id}`,
  };
}

/** The displayName, else "given family", else the userName: what Zoom shows for a user. */
export function displayNameOf(user: SimUser): string {
  return user.displayName ?? ([user.givenName, user.familyName].filter(Boolean).join(' ') || user.userName);
}
