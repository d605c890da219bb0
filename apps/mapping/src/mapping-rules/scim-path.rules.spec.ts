import { parseScimPath, readScimPath, type ScimPath } from './scim-path.rules';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

const user = {
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
  userName: 'ada@example.com',
  title: 'Engineer',
  name: { givenName: 'Ada', familyName: 'Lovelace' },
  emails: [
    { value: 'ada@home.example', type: 'home' },
    { value: 'ada@work.example', type: 'work', primary: false },
    { value: 'lovelace@work.example', type: 'work', primary: true },
  ],
  [ENTERPRISE]: { department: 'Sales', manager: { value: 'm1', displayName: 'Charles' } },
  'urn:okta:custom:1.0:User': { costCode: 'CC-7', 'badge.id': 'x' },
  'urn:ietf:params:scim:schemas:extension:Acme_1:2.0:User': { 'region': 'EMEA' },
};

function path(text: string): ScimPath {
  const parsed = parseScimPath(text);
  if (!parsed.ok) {
    throw new Error(parsed.problem);
  }
  return parsed.path;
}

describe('parseScimPath', () => {
  it.each([
    ['title', { urn: undefined, segments: [{ attribute: 'title', filter: [] }] }],
    ['name.givenName', { urn: undefined, segments: [{ attribute: 'name', filter: [] }, { attribute: 'givenName', filter: [] }] }],
    ['emails[type eq "work"].value', { urn: undefined, segments: [{ attribute: 'emails', filter: [{ attribute: 'type', value: 'work' }] }, { attribute: 'value', filter: [] }] }],
    ['emails[type eq "work" and primary eq true].value', { segments: [{ attribute: 'emails', filter: [{ attribute: 'type', value: 'work' }, { attribute: 'primary', value: true }] }, { attribute: 'value', filter: [] }] }],
    [`${ENTERPRISE}:department`, { urn: ENTERPRISE, segments: [{ attribute: 'department', filter: [] }] }],
    [`${ENTERPRISE}:manager.displayName`, { urn: ENTERPRISE, segments: [{ attribute: 'manager', filter: [] }, { attribute: 'displayName', filter: [] }] }],
    ['urn:ietf:params:scim:schemas:core:2.0:User:userName', { urn: undefined, segments: [{ attribute: 'userName', filter: [] }] }],
    ['urn:okta:custom:1.0:User:costCode', { urn: 'urn:okta:custom:1.0:User' }],
    ['addresses[type eq "a:b]c"].locality', { urn: undefined, segments: [{ attribute: 'addresses', filter: [{ attribute: 'type', value: 'a:b]c' }] }, { attribute: 'locality', filter: [] }] }],
    ['x[n eq 3]', { segments: [{ attribute: 'x', filter: [{ attribute: 'n', value: 3 }] }] }],
  ])('parses %s', (text, expected) => {
    expect(parseScimPath(text)).toEqual({ ok: true, path: expect.objectContaining(expected) });
  });

  it.each([
    ['', 'expected an attribute name'],
    ['name.', 'expected an attribute name at "(end)"'],
    ['name..givenName', 'expected an attribute name'],
    ['emails[type eq "work".value', 'is not closed'],
    ['emails[type co "work"].value', 'expected a filter such as [type eq "work"]'],
    ['emails[type eq "work" or primary eq true].value', 'with "and" only'],
    ['emails[type eq work].value', 'expected a filter'],
    ['name givenName', 'expected "." or the end'],
    ['urn:x', 'a URN path needs the schema URN'],
    ['password', 'passwords are never mapped'],
    ['urn:okta:custom:1.0:User:Password', 'passwords are never mapped'],
    ['${title}', 'expected an attribute name'],
  ])('refuses %j', (text, problem) => {
    expect(parseScimPath(text)).toEqual({ ok: false, problem: expect.stringContaining(problem) });
  });
});

describe('readScimPath', () => {
  it.each([
    ['title', 'Engineer'],
    ['TITLE', 'Engineer'],
    ['name.givenName', 'Ada'],
    ['emails[type eq "work"].value', 'ada@work.example'],
    ['emails[type eq "WORK" and primary eq true].value', 'lovelace@work.example'],
    ['emails[primary eq true].value', 'lovelace@work.example'],
    ['emails.value', 'ada@home.example'],
    ['emails[type eq "other"].value', undefined],
    [`${ENTERPRISE}:department`, 'Sales'],
    [`${ENTERPRISE.toLowerCase()}:department`, 'Sales'],
    [`${ENTERPRISE}:manager.displayName`, 'Charles'],
    ['urn:okta:custom:1.0:User:costCode', 'CC-7'],
    ['urn:ietf:params:scim:schemas:extension:Acme_1:2.0:User:region', 'EMEA'],
    ['urn:okta:missing:1.0:User:costCode', undefined],
    ['name.givenName.first', undefined],
    ['nickName', undefined],
  ])('reads %s', (text, expected) => {
    expect(readScimPath(user, path(text))).toEqual(expected);
  });

  it('gives a whole multi-valued attribute when the path ends at it', () => {
    expect(readScimPath(user, path('emails'))).toHaveLength(3);
  });
});
