import { SchemaUrns } from '@bridge/scim';
import { ZoomSimErrorCode } from '../scim-http/zoom-sim.exception';
import type { UserAttributes } from '../state/sim-state.model';
import { thrownBy } from '../testing/thrown-by';
import { mergeUserAttributes, newUserAttributes, readUserBody } from './user-body.rules';

const schemas = [SchemaUrns.user];

describe('readUserBody', () => {
  it('reads every attribute Zoom keeps and ignores the ones it does not', () => {
    const changes = readUserBody(
      {
        schemas,
        userName: ' Ada@Example.com ',
        password: 'placeholder',
        externalId: '00u1',
        groups: [],
        name: { givenName: 'Ada', familyName: 'Lovelace' },
        displayName: 'Ada Lovelace',
        title: 'Analyst',
        locale: 'en-GB',
        emails: [{ value: 'ADA@example.com', type: 'work', primary: true }],
        phoneNumbers: [{ value: '+44 20 7946 0000', type: 'work' }],
        roles: [{ value: 'Engineer', primary: true }],
        active: true,
        userType: 'licensed',
        [SchemaUrns.enterpriseUser]: { department: 'R&D', costCenter: 'CC1', manager: { value: 'm1', displayName: 'Babbage' }, employeeNumber: '7' },
        [SchemaUrns.zoomUser]: { zoomPhone: true, zoomWhiteboard: false, personalLinkName: 'ada', pronouns: 'she/her' },
        [SchemaUrns.zoomUserLogin]: { loginType: { workEmail: 'false', sso: 'true' } },
      },
      'create',
    );
    expect(changes).toEqual({
      userName: 'ada@example.com',
      givenName: 'Ada',
      familyName: 'Lovelace',
      displayName: 'Ada Lovelace',
      title: 'Analyst',
      locale: 'en-GB',
      emails: [{ value: 'ada@example.com', type: 'work', primary: true }],
      phoneNumbers: [{ value: '+44 20 7946 0000', type: 'work' }],
      roles: [{ value: 'Engineer', primary: true }],
      active: true,
      userType: 'Licensed',
      enterprise: { department: 'R&D', costCenter: 'CC1', manager: { value: 'm1', displayName: 'Babbage' } },
      zoom: { zoomPhone: true, zoomWhiteboard: false, personalLinkName: 'ada', pronouns: 'she/her' },
      loginType: { workEmail: false, sso: true },
    });
  });

  it('reads a PUT with only the fields to change', () => {
    expect(readUserBody({ schemas, title: 'Countess', 'name': { familyName: 'King' } }, 'update')).toEqual({ title: 'Countess', familyName: 'King' });
  });

  it.each([
    { loginType: 'sso', read: { workEmail: false, sso: true } },
    { loginType: 'workEmail', read: { workEmail: true, sso: false } },
    { loginType: { workEmail: true }, read: { workEmail: true, sso: false } },
  ])('reads loginType $loginType', ({ loginType, read }) => {
    expect(readUserBody({ schemas, [SchemaUrns.zoomUserLogin]: { loginType } }, 'update').loginType).toEqual(read);
  });

  it.each([
    { name: 'no schemas', body: { userName: 'ada@example.com' }, mode: 'create', detail: 'The field "schemas" is required.' },
    { name: 'empty schemas on PUT', body: { schemas: [], title: 'x' }, mode: 'update', detail: 'The field "schemas" is required.' },
    { name: 'no userName on create', body: { schemas }, mode: 'create', detail: 'The field "userName" is required.' },
    { name: 'a userName that is not an email', body: { schemas, userName: 'ada' }, mode: 'create', detail: 'Invalid email address: ada' },
    { name: 'an invalid email', body: { schemas, emails: [{ value: 'not an email' }] }, mode: 'update', detail: 'Invalid email address: not an email' },
    { name: 'an unknown licence flag', body: { schemas, [SchemaUrns.zoomUser]: { zoomTeleporter: true } }, mode: 'update', detail: 'Invalid field: zoomTeleporter' },
    { name: 'a licence flag that is not a boolean', body: { schemas, [SchemaUrns.zoomUser]: { zoomPhone: 'yes' } }, mode: 'update', detail: 'Invalid field: zoomPhone' },
    { name: 'an unknown userType', body: { schemas, userType: 'Premium' }, mode: 'update', detail: 'Invalid field: userType' },
    { name: 'active as a string', body: { schemas, active: 'true' }, mode: 'update', detail: 'Invalid field: active' },
    { name: 'a name that is not an object', body: { schemas, name: 'Ada' }, mode: 'update', detail: 'Invalid field: name' },
    { name: 'a body that is a list', body: [], mode: 'create', detail: 'The request body must be a JSON object.' },
  ] as const)('refuses $name', ({ body, mode, detail }) => {
    const error = thrownBy(() => readUserBody(body, mode));
    expect({ code: error.code, detail: error.detail }).toEqual({ code: ZoomSimErrorCode.INVALID_REQUEST, detail });
  });
});

describe('newUserAttributes', () => {
  it('defaults to an active Basic user with the userName as work email', () => {
    expect(newUserAttributes({ userName: 'ada@example.com' })).toEqual({
      userName: 'ada@example.com',
      emails: [{ value: 'ada@example.com', type: 'work', primary: true }],
      active: true,
      userType: 'Basic',
    });
  });
});

describe('mergeUserAttributes', () => {
  const current: UserAttributes = {
    userName: 'ada@example.com',
    emails: [{ value: 'ada@example.com' }],
    active: true,
    userType: 'Basic',
    title: 'Analyst',
    enterprise: { department: 'R&D', costCenter: 'CC1' },
    zoom: { zoomPhone: true },
  };

  it.each([
    { name: 'keeps what a PUT leaves out', changes: { locale: 'fr-FR' }, expected: { ...current, locale: 'fr-FR' } },
    { name: 'replaces top-level values', changes: { title: 'Countess', active: false }, expected: { ...current, title: 'Countess', active: false } },
    { name: 'merges enterprise fields', changes: { enterprise: { department: 'Maths' } }, expected: { ...current, enterprise: { department: 'Maths', costCenter: 'CC1' } } },
    { name: 'merges licence flags', changes: { zoom: { zoomWhiteboard: true } }, expected: { ...current, zoom: { zoomPhone: true, zoomWhiteboard: true } } },
  ])('$name', ({ changes, expected }) => {
    expect(mergeUserAttributes(current, changes)).toEqual(expected);
  });
});
