import { RegistryLineLocator } from '@bridge/tenancy';
import { DEFAULT_RULE_INPUTS, DEFAULT_RULES } from './default-mapping.rules';
import { compileMapping, describeRuleIssues } from './tenant-mapping.rules';

const ZOOM = 'urn:ietf:params:scim:schemas:extension:zoom:1.0:User';
const DEPARTMENT = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department';

function issuesOf(rule: Record<string, unknown>): string[] {
  const result = compileMapping([rule], DEFAULT_RULES);
  return result.ok ? [] : result.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

describe('compileMapping', () => {
  it('compiles the built-in rules', () => {
    expect(DEFAULT_RULES).toHaveLength(DEFAULT_RULE_INPUTS.length);
  });

  it.each([
    ['copy', { id: 'r', target: 'title', transform: { copy: 'title' } }],
    ['copy from a list of paths', { id: 'r', target: 'title', transform: { copy: ['title', 'urn:okta:custom:1.0:User:jobTitle'] } }],
    ['trim', { id: 'r', target: 'title', transform: { trim: 'title' } }],
    ['lowercase', { id: 'r', target: 'userName', transform: { lowercase: 'emails[type eq "work"].value' } }],
    ['template', { id: 'r', target: 'displayName', transform: { template: '${name.givenName} ${name.familyName}' } }],
    ['constant', { id: 'r', target: `${ZOOM}:zoomWhiteboard`, transform: { constant: true } }],
    ['lookup', { id: 'r', target: `${ZOOM}:zoomPhone`, transform: { lookup: { from: DEPARTMENT, table: { Sales: true, Support: true }, default: false } } }],
    ['lookup into a choice', { id: 'r', target: 'userType', transform: { lookup: { from: 'userType', table: { Employee: 'Licensed', Contractor: 'basic' } } } }],
    ['a condition', { id: 'r', target: 'title', transform: { copy: 'title' }, when: { attribute: 'userType', equals: 'Employee' } }],
    ['a list of conditions', { id: 'r', target: 'title', transform: { copy: 'title' }, when: [{ attribute: 'title', present: true }, { attribute: 'userType', in: ['A', 'B'] }] }],
    ['a removal', { id: 'r', target: 'title', remove: true }],
    ['an optional rule', { id: 'r', target: 'title', transform: { copy: 'title' }, required: true, description: 'why' }],
    ['the login type', { id: 'r', target: 'urn:us:zoom:scim:schemas:extension:1.0:ZoomUser:loginType', transform: { constant: 'sso' } }],
  ])('accepts %s', (_what, rule) => {
    expect(issuesOf(rule)).toEqual([]);
  });

  it.each([
    ['an unknown target', { id: 'r', target: `${ZOOM}:zoomPhon`, transform: { constant: true } }, 'target: "urn:ietf:params:scim:schemas:extension:zoom:1.0:User:zoomPhon" is not a Zoom attribute the bridge can write'],
    ['a target in the wrong case, with a suggestion', { id: 'r', target: 'displayname', transform: { copy: 'displayName' } }, 'did you mean "displayName"?'],
    ['an unknown transform', { id: 'r', target: 'title', transform: { upper: 'title' } }, 'transform.upper: unknown transform "upper" (allowed: copy, trim, lowercase, template, constant, lookup)'],
    ['two transforms', { id: 'r', target: 'title', transform: { copy: 'title', trim: 'title' } }, 'transform: give exactly one transform, found copy and trim'],
    ['a transform that is not a mapping', { id: 'r', target: 'title', transform: 'copy title' }, 'transform: expected one transform, such as { copy: title }'],
    ['a template referencing nothing', { id: 'r', target: 'displayName', transform: { template: 'Ada' } }, 'transform.template: a template needs at least one ${attribute} placeholder'],
    ['a template with a broken placeholder', { id: 'r', target: 'displayName', transform: { template: '${name.givenName' } }, 'transform.template: "${" at "${name.givenName" is not closed'],
    ['a template into a licence flag', { id: 'r', target: `${ZOOM}:zoomPhone`, transform: { template: '${title}' } }, 'a template makes text, and zoomPhone licence takes true or false'],
    ['a lookup without table', { id: 'r', target: `${ZOOM}:zoomPhone`, transform: { lookup: { from: DEPARTMENT } } }, 'transform.lookup.table: a lookup needs a table of Okta value: Zoom value'],
    ['an empty lookup table', { id: 'r', target: `${ZOOM}:zoomPhone`, transform: { lookup: { from: DEPARTMENT, table: {} } } }, 'transform.lookup.table: a lookup table needs at least one entry'],
    ['a lookup key twice', { id: 'r', target: `${ZOOM}:zoomPhone`, transform: { lookup: { from: DEPARTMENT, table: { Sales: true, sales: false } } } }, 'is in the table twice'],
    ['a table value Zoom refuses', { id: 'r', target: `${ZOOM}:zoomPhone`, transform: { lookup: { from: DEPARTMENT, table: { Sales: 'yes please' } } } }, 'transform.lookup.table.sales: "yes please" is not a valid zoomPhone licence: Zoom takes true or false'],
    ['a default Zoom refuses', { id: 'r', target: 'userType', transform: { lookup: { from: 'userType', table: { A: 'Basic' }, default: 'Pro' } } }, 'transform.lookup.default: "Pro" is not a valid Zoom user type: Zoom takes "Basic", "Licensed" or "On-Prem"'],
    ['a constant Zoom refuses', { id: 'r', target: 'urn:us:zoom:scim:schemas:extension:1.0:ZoomUser:loginType', transform: { constant: 'password' } }, 'transform.constant: "password" is not a valid login type'],
    ['a malformed source path', { id: 'r', target: 'title', transform: { copy: 'emails[type eq work].value' } }, 'transform.copy.0: "emails[type eq work].value" is not an attribute path'],
    ['a password source', { id: 'r', target: 'title', transform: { copy: 'password' } }, 'passwords are never mapped'],
    ['neither transform nor remove', { id: 'r', target: 'title' }, 'a rule needs either a transform or remove: true'],
    ['both transform and remove', { id: 'r', target: 'title', remove: true, transform: { copy: 'title' } }, 'a rule needs either a transform or remove: true'],
    ['removing userName', { id: 'r', target: 'userName', remove: true }, 'remove: Zoom needs a Zoom username (the sign-in email) for every user, so it cannot be removed'],
    ['an optional work email', { id: 'r', target: 'emails[type eq "work"].value', transform: { copy: 'userName' }, required: false }, 'required: Zoom needs a work email for every user, so it cannot be optional'],
    ['a condition with two tests', { id: 'r', target: 'title', transform: { copy: 'title' }, when: { attribute: 'userType', equals: 'A', present: true } }, 'when.0: a condition needs exactly one of equals, notEquals, in, present, found equals and present'],
    ['a condition without a test', { id: 'r', target: 'title', transform: { copy: 'title' }, when: { attribute: 'userType' } }, 'found none'],
    ['a misspelt key', { id: 'r', target: 'title', transform: { copy: 'title' }, requried: true }, 'requried: unknown key (allowed here: id, description, target, transform, remove, when, required)'],
    ['a missing id', { target: 'title', transform: { copy: 'title' } }, 'id: is required'],
    ['an id with spaces', { id: 'my rule', target: 'title', transform: { copy: 'title' } }, 'id: expected up to 64 letters'],
    ['a reserved id', { id: 'default-title', target: 'title', transform: { copy: 'title' } }, 'id: ids starting with "default-" are kept for the built-in rules'],
    ['remove: false', { id: 'r', target: 'title', remove: false }, 'remove: write remove: true'],
  ])('refuses %s', (_mistake, rule, expected) => {
    expect(issuesOf(rule).join('\n')).toContain(expected);
  });

  it('refuses two rules with one id, naming the first', () => {
    const result = compileMapping(
      [
        { id: 'licence', target: 'title', transform: { copy: 'title' } },
        { id: 'licence', target: 'locale', transform: { copy: 'locale' } },
      ],
      DEFAULT_RULES,
    );
    expect(result).toMatchObject({ ok: false, issues: [{ path: [1, 'id'], ruleId: 'licence', message: expect.stringContaining('(mappings[0])') }] });
  });

  it('puts tenant rules before the defaults of their target', () => {
    const result = compileMapping([{ id: 'job', target: 'title', transform: { constant: 'Staff' } }], DEFAULT_RULES);
    expect(result.ok && result.mapping.targets.find(({ target }) => target.name === 'title')?.rules.map((rule) => rule.id)).toEqual(['job', 'default-title']);
  });
});

describe('describeRuleIssues', () => {
  const yaml = `tenants:
  - id: acme
    mappings:
      - id: licence
        target: title
        transform: { upper: title }
`;

  it('names the file, line, tenant, rule and field of each problem', () => {
    const result = compileMapping([{ id: 'licence', target: 'title', transform: { upper: 'title' } }], DEFAULT_RULES);
    const message = describeRuleIssues('acme', 0, result.ok ? [] : result.issues, new RegistryLineLocator('tenants.yaml', yaml));
    expect(message).toBe('tenants.yaml:6 tenant acme, rule "licence" (tenants[0].mappings[0].transform.upper): unknown transform "upper" (allowed: copy, trim, lowercase, template, constant, lookup)');
  });

  it('names a rule without an id by its position, and leaves out the file when there is none', () => {
    const message = describeRuleIssues('acme', 2, [{ path: [3, 'id'], ruleId: undefined, message: 'is required' }], undefined);
    expect(message).toBe('tenant acme, rule #4 (tenants[2].mappings[3].id): is required');
  });
});
