import { readScimPath } from './scim-path.rules';
import { parseTemplate, renderTemplate } from './template.rules';

const render = (template: string, user: Record<string, unknown>): string | undefined => {
  const parsed = parseTemplate(template);
  if (!parsed.ok) {
    throw new Error(parsed.problem);
  }
  return renderTemplate(parsed.parts, (path) => readScimPath(user, path));
};

describe('templates', () => {
  it.each([
    ['${name.givenName} ${name.familyName}', { name: { givenName: 'Ada', familyName: 'Lovelace' } }, 'Ada Lovelace'],
    ['${name.givenName} ${name.familyName}', { name: { givenName: 'Ada' } }, 'Ada'],
    ['${name.familyName}, ${name.givenName}', { name: { givenName: ' Ada ', familyName: 'Lovelace' } }, 'Lovelace, Ada'],
    ['${title} (${urn:okta:custom:1.0:User:costCode})', { title: 'Eng', 'urn:okta:custom:1.0:User': { costCode: 7 } }, 'Eng (7)'],
    ['${emails[type eq "work"].value}', { emails: [{ type: 'work', value: 'a@b.c' }] }, 'a@b.c'],
    ['${name.givenName} ${name.familyName}', {}, undefined],
    ['Dr. ${name.familyName}', {}, undefined],
    ['${name}', { name: { givenName: 'Ada' } }, undefined],
  ])('renders %s', (template, user, expected) => {
    expect(render(template, user)).toBe(expected);
  });

  it.each([
    ['Ada Lovelace', 'at least one ${attribute} placeholder'],
    ['', 'at least one ${attribute} placeholder'],
    ['${name.givenName', 'is not closed with "}"'],
    ['${}', 'the placeholder "${}" is not an attribute path'],
    ['${name givenName}', 'is not an attribute path'],
    ['${password}', 'passwords are never mapped'],
  ])('refuses %j', (template, problem) => {
    expect(parseTemplate(template)).toEqual({ ok: false, problem: expect.stringContaining(problem) });
  });
});
