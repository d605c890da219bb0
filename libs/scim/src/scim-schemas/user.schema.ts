import { SchemaUrns } from '../schema-urns';
import { complex, flag, multiValued, reference, text, type ScimSchemaDefinition } from './scim-schema.model';

export const userSchema: ScimSchemaDefinition = {
  id: SchemaUrns.user,
  name: 'User',
  description: 'User Account',
  attributes: [
    text('userName', 'Unique identifier for the user, typically the email address. Compared without regard to case.', {
      required: true,
      uniqueness: 'server',
    }),
    complex('name', "The components of the user's name.", [
      text('formatted', 'The full name.'),
      text('familyName', 'The family name.'),
      text('givenName', 'The given name.'),
      text('middleName', 'The middle name.'),
      text('honorificPrefix', 'The honorific prefix.'),
      text('honorificSuffix', 'The honorific suffix.'),
    ]),
    text('displayName', 'The name displayed to end users.'),
    text('nickName', 'The casual name.'),
    reference('profileUrl', 'A URI of an online profile.', ['external']),
    text('title', 'The job title.'),
    text('userType', 'The relationship between the organization and the user (Zoom: Basic, Licensed, On-Prem).'),
    text('preferredLanguage', 'The preferred written or spoken language.'),
    text('locale', 'The default location, for localising.'),
    text('timezone', 'The time zone, in IANA format.'),
    flag('active', 'Whether the user may sign in. Deactivated users stay readable with active false.'),
    text('password', 'Accepted and discarded: the bridge never stores, logs, publishes or returns it.', {
      mutability: 'writeOnly',
      returned: 'never',
    }),
    multiValued('emails', 'Email addresses.', ['work', 'home', 'other']),
    multiValued('phoneNumbers', 'Phone numbers.', ['work', 'home', 'mobile', 'fax', 'pager', 'other']),
    multiValued('ims', 'Instant messaging addresses.', ['aim', 'gtalk', 'icq', 'xmpp', 'msn', 'skype', 'qq', 'yahoo']),
    multiValued('photos', 'URLs of photos.', ['photo', 'thumbnail'], 'reference'),
    complex(
      'addresses',
      'Physical mailing addresses.',
      [
        text('formatted', 'The full mailing address.'),
        text('streetAddress', 'The street address.'),
        text('locality', 'The city or locality.'),
        text('region', 'The state or region.'),
        text('postalCode', 'The zip or postal code.'),
        text('country', 'The country, as an ISO 3166-1 alpha-2 code.'),
        text('type', 'work, home or other.', { canonicalValues: ['work', 'home', 'other'] }),
        flag('primary', 'Whether this is the primary address.'),
      ],
      { multiValued: true },
    ),
    complex(
      'groups',
      'The groups the user belongs to; changed through /Groups, ignored when a client sends it.',
      [
        text('value', 'The group id.', { mutability: 'readOnly' }),
        reference('$ref', 'The URI of the group.', ['Group'], { mutability: 'readOnly' }),
        text('display', 'The group displayName.', { mutability: 'readOnly' }),
        text('type', 'direct or indirect.', { mutability: 'readOnly', canonicalValues: ['direct', 'indirect'] }),
      ],
      { multiValued: true, mutability: 'readOnly' },
    ),
    multiValued('entitlements', 'Entitlements.', []),
    multiValued('roles', 'Roles.', []),
    multiValued('x509Certificates', 'X.509 certificates.', []),
  ],
};
