import { SchemaUrns } from '../schema-urns';
import { complex, reference, text, type ScimSchemaDefinition } from './scim-schema.model';

export const groupSchema: ScimSchemaDefinition = {
  id: SchemaUrns.group,
  name: 'Group',
  description: 'Group',
  attributes: [
    text('displayName', 'The group name; unique per tenant, compared without regard to case.', { required: true, uniqueness: 'server' }),
    complex(
      'members',
      'The members of the group: users of the same tenant, by id.',
      [
        text('value', 'The id of the member user.', { caseExact: true, mutability: 'immutable' }),
        reference('$ref', 'The URI of the member.', ['User'], { mutability: 'immutable' }),
        text('display', 'The userName of the member.', { mutability: 'readOnly' }),
        text('type', 'User (groups cannot contain groups here).', { mutability: 'immutable', canonicalValues: ['User'] }),
      ],
      { multiValued: true },
    ),
  ],
};
