import { DEFAULT_RULES } from '../mapping-rules/default-mapping.rules';
import { compileMapping } from '../mapping-rules/tenant-mapping.rules';
import { RejectionCode } from './mapping-rejection.rules';
import { applyMapping, type MappingOutcome } from './user-mapping.rules';

const CORE = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const ZOOM = 'urn:ietf:params:scim:schemas:extension:zoom:1.0:User';
const LOGIN = 'urn:us:zoom:scim:schemas:extension:1.0:ZoomUser';

const ada = {
  schemas: [CORE],
  id: 'u1',
  userName: 'Ada@Example.com',
  active: true,
  name: { givenName: 'Ada', familyName: 'Lovelace' },
  emails: [
    { value: 'ada.home@example.org', type: 'home', primary: false },
    { value: 'Ada@Example.com', type: 'work', primary: true },
  ],
};
type User = Record<string, unknown> & { active: boolean };

function map(user: User, rules: Record<string, unknown>[] = []): MappingOutcome {
  const compiled = compileMapping(rules, DEFAULT_RULES);
  if (!compiled.ok) {
    throw new Error(JSON.stringify(compiled.issues));
  }
  return applyMapping(compiled.mapping, user);
}

const mapped = (user: User, rules: Record<string, unknown>[] = []): Record<string, unknown> => {
  const outcome = map(user, rules);
  if (!outcome.ok) {
    throw new Error(outcome.rejection.reason);
  }
  return outcome.user;
};

describe('the default mapping', () => {
  it('maps every default attribute to the Zoom user shape', () => {
    const outcome = map({
      ...ada,
      title: ' Engineer ',
      locale: 'en-US',
      phoneNumbers: [{ value: '+1 555 0100', type: 'mobile' }, { value: '+1 555 0199', type: 'work' }],
      [ENTERPRISE]: { department: 'R&D', costCenter: 'ignored by default' },
    });
    expect(outcome).toEqual({
      ok: true,
      active: true,
      user: {
        schemas: [CORE, ENTERPRISE],
        userName: 'ada@example.com',
        emails: [{ value: 'ada@example.com', type: 'work', primary: true }],
        name: { givenName: 'Ada', familyName: 'Lovelace' },
        displayName: 'Ada Lovelace',
        title: 'Engineer',
        locale: 'en-US',
        active: true,
        phoneNumbers: [{ value: '+1 555 0199', type: 'work' }, { value: '+1 555 0100', type: 'mobile' }],
        [ENTERPRISE]: { department: 'R&D' },
      },
    });
  });

  it.each([
    ['the primary work email', ada.emails, 'ada@example.com'],
    ['a work email when none is primary', [{ value: 'w@example.com', type: 'work' }, { value: 'x@example.com' }], 'w@example.com'],
    ['the primary email when none is work', [{ value: 'x@example.com' }, { value: 'p@example.com', primary: true }], 'p@example.com'],
    ['the first email when none is work or primary', [{ value: 'x@example.com', type: 'home' }], 'x@example.com'],
    ['the userName when there are no emails', undefined, 'ada@example.com'],
  ])('chooses %s', (_label, emails, expected) => {
    expect(mapped({ ...ada, emails })['emails']).toEqual([{ value: expected, type: 'work', primary: true }]);
  });

  it.each([
    ['Okta sends one', { displayName: 'Countess Lovelace' }, 'Countess Lovelace'],
    ['Okta sends none', {}, 'Ada Lovelace'],
    ['Okta sends a blank one', { displayName: '  ' }, 'Ada Lovelace'],
  ])('chooses the displayName when %s', (_label, extra, expected) => {
    expect(mapped({ ...ada, ...extra })['displayName']).toBe(expected);
  });

  it('carries a deactivation as active false', () => {
    expect(map({ ...ada, active: false })).toMatchObject({ ok: true, active: false, user: { active: false } });
  });

  it('leaves out attributes Okta did not send', () => {
    expect(Object.keys(mapped({ schemas: [], userName: 'b@example.com', active: true })).sort()).toEqual(['active', 'emails', 'schemas', 'userName']);
  });
});

describe('tenant rules', () => {
  const dept = (department: string | undefined): User => ({ ...ada, [ENTERPRISE]: department === undefined ? {} : { department } });
  const licence = { id: 'licence', target: `${ZOOM}:zoomPhone`, transform: { lookup: { from: `${ENTERPRISE}:department`, table: { Sales: true, Support: true }, default: false } } };

  it.each([
    ['copy keeps the value as sent', { copy: 'title' }, { title: ' Eng ' }, ' Eng '],
    ['trim', { trim: 'title' }, { title: ' Eng ' }, 'Eng'],
    ['lowercase trims too', { lowercase: 'title' }, { title: ' ENG ' }, 'eng'],
    ['copy takes the first path with a value', { copy: ['nickName', 'urn:okta:custom:1.0:User:jobTitle'] }, { 'urn:okta:custom:1.0:User': { jobTitle: 'Boss' } }, 'Boss'],
    ['copy of a number', { copy: 'urn:okta:custom:1.0:User:grade' }, { 'urn:okta:custom:1.0:User': { grade: 7 } }, '7'],
    ['template', { template: '${title} (${urn:okta:custom:1.0:User:team})' }, { title: 'Eng', 'urn:okta:custom:1.0:User': { team: 'Core' } }, 'Eng (Core)'],
    ['constant', { constant: 'Staff' }, {}, 'Staff'],
    ['lookup', { lookup: { from: 'userType', table: { Employee: 'Staff' } } }, { userType: 'employee' }, 'Staff'],
    ['lookup falls back to its default', { lookup: { from: 'userType', table: { Employee: 'Staff' }, default: 'Guest' } }, { userType: 'Contractor' }, 'Guest'],
    ['lookup of a missing attribute gives the default', { lookup: { from: 'userType', table: { Employee: 'Staff' }, default: 'Guest' } }, {}, 'Guest'],
  ])('%s', (_what, transform, extra, expected) => {
    expect(mapped({ ...ada, ...extra }, [{ id: 'job', target: 'title', transform }])['title']).toBe(expected);
  });

  it.each([
    ['Sales', true],
    ['support', true],
    ['Marketing', false],
    [undefined, false],
  ])('sets the Zoom Phone licence for department %s', (department, expected) => {
    expect(mapped(dept(department), [licence])).toMatchObject({ schemas: [CORE, ...(department === undefined ? [] : [ENTERPRISE]), ZOOM], [ZOOM]: { zoomPhone: expected } });
  });

  it.each([
    ['equals holds', { attribute: 'userType', equals: 'employee' }, 'Dr. Ada'],
    ['equals does not hold', { attribute: 'userType', equals: 'Contractor' }, 'Ada Lovelace'],
    ['notEquals', { attribute: 'userType', notEquals: 'Contractor' }, 'Dr. Ada'],
    ['in', { attribute: 'userType', in: ['Contractor', 'Employee'] }, 'Dr. Ada'],
    ['present', { attribute: 'userType', present: true }, 'Dr. Ada'],
    ['present: false', { attribute: 'userType', present: false }, 'Ada Lovelace'],
    ['every condition of a list', [{ attribute: 'userType', present: true }, { attribute: 'title', equals: 'Eng' }], 'Ada Lovelace'],
    ['a boolean', { attribute: 'active', equals: true }, 'Dr. Ada'],
  ])('applies a rule when %s, else falls back to the default', (_what, when, expected) => {
    const rule = { id: 'dr', target: 'displayName', transform: { template: 'Dr. ${name.givenName}' }, when };
    expect(mapped({ ...ada, userType: 'Employee' }, [rule])['displayName']).toBe(expected);
  });

  it('lets the first applicable tenant rule of a target decide', () => {
    const rules = [
      { id: 'contractors', target: 'title', transform: { constant: 'Contractor' }, when: { attribute: 'userType', equals: 'Contractor' } },
      { id: 'everyone', target: 'title', transform: { constant: 'Staff' } },
    ];
    expect(mapped({ ...ada, userType: 'Contractor' }, rules)['title']).toBe('Contractor');
    expect(mapped({ ...ada, userType: 'Employee' }, rules)['title']).toBe('Staff');
  });

  it.each([
    ['always', {}],
    ['when its condition holds', { when: { attribute: 'userType', equals: 'Contractor' } }],
  ])('removes a default %s', (_when, extra) => {
    expect(mapped({ ...ada, title: 'Eng', userType: 'Contractor' }, [{ id: 'no-title', target: 'title', remove: true, ...extra }])).not.toHaveProperty('title');
  });

  it('writes the login type, user type and personal link in their schemas', () => {
    const user = mapped(ada, [
      { id: 'sso', target: `${LOGIN}:loginType`, transform: { constant: 'SSO' } },
      { id: 'type', target: 'userType', transform: { constant: 'licensed' } },
      { id: 'link', target: `${ZOOM}:personalLinkName`, transform: { template: 'ada.${name.familyName}' } },
    ]);
    expect(user).toMatchObject({ schemas: [CORE, ZOOM, LOGIN], userType: 'Licensed', [ZOOM]: { personalLinkName: 'ada.Lovelace' }, [LOGIN]: { loginType: 'sso' } });
  });

  it('takes active from a rule that maps it, accepting "true"/"false" text', () => {
    expect(map({ ...ada, 'urn:okta:custom:1.0:User': { enabled: 'FALSE' } }, [{ id: 'act', target: 'active', transform: { copy: 'urn:okta:custom:1.0:User:enabled' } }])).toMatchObject({ ok: true, active: false });
  });
});

describe('rejections', () => {
  it.each([
    ['no email at all', { ...ada, emails: [] }, [{ id: 'email', target: 'emails[type eq "work"].value', transform: { copy: 'emails[type eq "work"].value' } }], RejectionCode.REQUIRED_VALUE_MISSING, 'email', 'emails[type eq "work"].value', null, 'Zoom needs a work email for every user, and this user has no value for emails[type eq "work"].value in Okta'],
    ['a malformed userName', { ...ada, userName: 'ada' }, [], RejectionCode.MALFORMED_EMAIL, 'default-user-name', 'userName', 'ada', '"ada" (from userName, rule "default-user-name") is not a valid email address'],
    ['a malformed work email', { ...ada, emails: [{ value: 'ada@', type: 'work' }] }, [], RejectionCode.MALFORMED_EMAIL, 'default-work-email', 'emails[type eq "work"].value', 'ada@', 'is not a valid email address, so Zoom would refuse it as the work email'],
    ['a user type outside the allowed set', { ...ada, userType: 'Pro' }, [{ id: 'type', target: 'userType', transform: { copy: 'userType' } }], RejectionCode.VALUE_NOT_ALLOWED, 'type', 'userType', 'Pro', 'Zoom accepts only "Basic", "Licensed" or "On-Prem" as the Zoom user type, and rule "type" produced "Pro" from userType'],
    ['a licence flag that is not true or false', { ...ada, 'urn:okta:custom:1.0:User': { phone: 'maybe' } }, [{ id: 'flag', target: `${ZOOM}:zoomPhone`, transform: { copy: 'urn:okta:custom:1.0:User:phone' } }], RejectionCode.VALUE_NOT_ALLOWED, 'flag', `${ZOOM}:zoomPhone`, 'maybe', 'Zoom accepts only true or false as the zoomPhone licence'],
    ['a locale that is not a language tag', { ...ada, locale: 'English' }, [], RejectionCode.VALUE_NOT_ALLOWED, 'default-locale', 'locale', 'English', 'a language tag such as en-US'],
    ['a phone number without digits', { ...ada, phoneNumbers: [{ value: 'call me', type: 'work' }] }, [], RejectionCode.VALUE_NOT_ALLOWED, 'default-work-phone', 'phoneNumbers[type eq "work"].value', 'call me', 'a phone number'],
    ['a lookup miss without default', { ...ada, [ENTERPRISE]: { department: 'Marketing' } }, [{ id: 'licence', target: `${ZOOM}:zoomPhone`, transform: { lookup: { from: `${ENTERPRISE}:department`, table: { Sales: true } } } }], RejectionCode.LOOKUP_MISS, 'licence', `${ZOOM}:zoomPhone`, 'Marketing', `Rule "licence" has no table entry for ${ENTERPRISE}:department "Marketing" and no default`],
    ['a required optional attribute', ada, [{ id: 'job', target: 'title', transform: { copy: 'title' }, required: true }], RejectionCode.REQUIRED_VALUE_MISSING, 'job', 'title', null, 'Rule "job" requires a job title, and this user has no value for title in Okta'],
    ['a structure where one value belongs', ada, [{ id: 'job', target: 'title', transform: { copy: 'name' } }], RejectionCode.NOT_A_SINGLE_VALUE, 'job', 'title', '{"givenName":"Ada","familyName":"Lovelace"}', 'name holds a list or a structure, not a single value'],
  ])('rejects %s', (_what, user, rules, code, rule, attribute, value, reason) => {
    expect(map(user as User, rules)).toEqual({ ok: false, rejection: { code, rule, attribute, value, reason: expect.stringContaining(reason) } });
  });

  it('rejects with the rule of the first target in catalogue order', () => {
    const outcome = map({ ...ada, userName: 'ada', locale: 'English' });
    expect(outcome.ok === false && outcome.rejection.rule).toBe('default-user-name');
  });
});
