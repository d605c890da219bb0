export interface ScimAnswer<T = Record<string, unknown>> {
  status: number;
  body: T;
  headers: Headers;
}

/** Sends SCIM requests the way Okta's provisioning engine does (headers, shapes, order). */
export class OktaScimClient {
  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
  ) {}

  async request<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<ScimAnswer<T>> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.token}`,
        accept: 'application/scim+json',
        'user-agent': 'Okta SCIM Client 1.0.0',
        ...(body === undefined ? {} : { 'content-type': 'application/scim+json; charset=utf-8' }),
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

  /** "Assign user": look the userName up, create the user when there is none. */
  async assignUser(profile: { userName: string; givenName: string; familyName: string; externalId?: string }): Promise<ScimAnswer> {
    const filter = encodeURIComponent(`userName eq "${profile.userName}"`);
    const lookup = await this.request<{ totalResults: number; Resources: Record<string, unknown>[] }>(
      'GET',
      `/Users?filter=${filter}&startIndex=1&count=100`,
    );
    if (lookup.status === 200 && lookup.body.totalResults > 0) {
      return { ...lookup, body: lookup.body.Resources[0] };
    }
    return this.request('POST', '/Users', {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName: profile.userName,
      name: { givenName: profile.givenName, familyName: profile.familyName },
      emails: [{ primary: true, value: profile.userName, type: 'work' }],
      displayName: `${profile.givenName} ${profile.familyName}`,
      locale: 'en-US',
      externalId: profile.externalId ?? `00u${Math.random().toString(36).slice(2, 12)}`,
      groups: [],
      password: 'okta-placeholder-Passw0rd!',
      active: true,
    });
  }

  /** Catalog-app deactivation: a PATCH replace with no path. */
  deactivateUser(id: string): Promise<ScimAnswer> {
    return this.request('PATCH', `/Users/${id}`, {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'replace', value: { active: false } }],
    });
  }
}
