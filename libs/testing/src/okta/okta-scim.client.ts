export interface ScimAnswer<T = Record<string, unknown>> {
  status: number;
  body: T;
  headers: Headers;
}

export interface ScimClientOptions {
  userAgent?: string;
  contentType?: string;
}

export interface OktaProfile {
  userName: string;
  givenName: string;
  familyName: string;
  externalId?: string;
}

type ListBody = { totalResults: number; startIndex: number; itemsPerPage: number; Resources: Record<string, unknown>[] };

const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';

/** Sends SCIM requests the way Okta's provisioning engine does (headers, shapes, order). */
export class OktaScimClient {
  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
    private readonly options: ScimClientOptions = {},
  ) {}

  async request<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<ScimAnswer<T>> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.token}`,
        accept: 'application/scim+json',
        'user-agent': this.options.userAgent ?? 'Okta SCIM Client 1.0.0',
        ...(body === undefined ? {} : { 'content-type': this.options.contentType ?? 'application/scim+json; charset=utf-8' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: (text === '' ? {} : JSON.parse(text)) as T, headers: response.headers };
  }

  /** "Test API Credentials". */
  testCredentials(): Promise<ScimAnswer> {
    return this.request('GET', '/Users?startIndex=1&count=2');
  }

  lookupUser(userName: string): Promise<ScimAnswer<ListBody>> {
    return this.request<ListBody>('GET', `/Users?filter=${encodeURIComponent(`userName eq "${userName}"`)}&startIndex=1&count=100`);
  }

  /** "Assign user": look the userName up, create the user when there is none. */
  async assignUser(profile: OktaProfile): Promise<ScimAnswer> {
    const lookup = await this.lookupUser(profile.userName);
    if (lookup.status === 200 && lookup.body.totalResults > 0) {
      return { ...lookup, body: lookup.body.Resources[0] };
    }
    return this.request('POST', '/Users', oktaUserBody(profile));
  }

  /** "Profile update": read the user, then PUT the whole object (custom apps do this for every change). */
  async updateProfile(id: string, change: (user: Record<string, unknown>) => Record<string, unknown>): Promise<ScimAnswer> {
    const current = await this.request('GET', `/Users/${id}`);
    return this.request('PUT', `/Users/${id}`, change(current.body));
  }

  /** Catalog-app deactivation: a PATCH replace with no path. */
  deactivateUser(id: string): Promise<ScimAnswer> {
    return this.setActive(id, false);
  }

  reactivateUser(id: string): Promise<ScimAnswer> {
    return this.setActive(id, true);
  }

  /** Custom-app deactivation: a PUT of the whole user with active false. */
  deactivateUserByPut(id: string): Promise<ScimAnswer> {
    return this.updateProfile(id, (user) => ({ ...user, active: false }));
  }

  /** "Import": pages of `count` until totalResults. */
  async importAll(resource: 'Users' | 'Groups', count = 100): Promise<{ pages: ScimAnswer<ListBody>[]; resources: Record<string, unknown>[] }> {
    const pages: ScimAnswer<ListBody>[] = [];
    const resources: Record<string, unknown>[] = [];
    for (let startIndex = 1; ; startIndex += count) {
      const page = await this.request<ListBody>('GET', `/${resource}?startIndex=${startIndex}&count=${count}`);
      pages.push(page);
      resources.push(...(page.body.Resources ?? []));
      if (page.status !== 200 || startIndex + count > page.body.totalResults) {
        return { pages, resources };
      }
    }
  }

  lookupGroup(displayName: string): Promise<ScimAnswer<ListBody>> {
    return this.request<ListBody>('GET', `/Groups?filter=${encodeURIComponent(`displayName eq "${displayName}"`)}&startIndex=1&count=100`);
  }

  /** "Push group": POST with an empty member list (members follow as PATCHes). */
  pushGroup(displayName: string, memberIds: string[] = []): Promise<ScimAnswer> {
    return this.request('POST', '/Groups', { schemas: [GROUP], displayName, members: memberIds.map((value) => ({ value })) });
  }

  /** Catalog-app membership change: the rename rides along, then filtered removes and an array add. */
  patchMembers(groupId: string, displayName: string, change: { add?: string[]; remove?: string[] }): Promise<ScimAnswer> {
    return this.request('PATCH', `/Groups/${groupId}`, {
      schemas: [PATCH_OP],
      Operations: [
        { op: 'replace', value: { id: groupId, displayName } },
        ...(change.remove ?? []).map((id) => ({ op: 'remove', path: `members[value eq "${id}"]` })),
        ...(change.add === undefined || change.add.length === 0 ? [] : [{ op: 'add', path: 'members', value: change.add.map((value) => ({ value })) }]),
      ],
    });
  }

  /** Custom-app group update: PUT with the full member list. */
  replaceGroup(groupId: string, displayName: string, memberIds: string[]): Promise<ScimAnswer> {
    return this.request('PUT', `/Groups/${groupId}`, { schemas: [GROUP], id: groupId, displayName, members: memberIds.map((value) => ({ value })) });
  }

  patch(resource: 'Users' | 'Groups', id: string, operations: unknown[]): Promise<ScimAnswer> {
    return this.request('PATCH', `/${resource}/${id}`, { schemas: [PATCH_OP], Operations: operations });
  }

  private setActive(id: string, active: boolean): Promise<ScimAnswer> {
    return this.patch('Users', id, [{ op: 'replace', value: { active } }]);
  }
}

/** The body Okta POSTs on assignment: always a placeholder password, `groups: []` and its own externalId. */
export function oktaUserBody(profile: OktaProfile): Record<string, unknown> {
  return {
    schemas: [USER],
    userName: profile.userName,
    name: { givenName: profile.givenName, familyName: profile.familyName },
    emails: [{ primary: true, value: profile.userName, type: 'work' }],
    displayName: `${profile.givenName} ${profile.familyName}`,
    locale: 'en-US',
    externalId: profile.externalId ?? `00u${Math.random().toString(36).slice(2, 12)}`,
    groups: [],
    password: 'okta-placeholder-Passw0rd!',
    active: true,
  };
}
