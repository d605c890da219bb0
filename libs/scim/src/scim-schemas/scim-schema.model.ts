/** RFC 7643 §7 attribute characteristics, as /Schemas publishes them and the filter and PATCH code read them. */
export interface ScimAttribute {
  name: string;
  type: 'string' | 'boolean' | 'decimal' | 'integer' | 'dateTime' | 'reference' | 'complex' | 'binary';
  multiValued: boolean;
  description: string;
  required: boolean;
  caseExact: boolean;
  mutability: 'readOnly' | 'readWrite' | 'immutable' | 'writeOnly';
  returned: 'always' | 'never' | 'default' | 'request';
  uniqueness: 'none' | 'server' | 'global';
  canonicalValues?: string[];
  referenceTypes?: string[];
  subAttributes?: ScimAttribute[];
}

export interface ScimSchemaDefinition {
  id: string;
  name: string;
  description: string;
  attributes: ScimAttribute[];
}

type Options = Partial<Omit<ScimAttribute, 'name' | 'type' | 'subAttributes'>>;

function attribute(name: string, type: ScimAttribute['type'], description: string, options: Options = {}): ScimAttribute {
  return {
    name,
    type,
    multiValued: false,
    description,
    required: false,
    caseExact: false,
    mutability: 'readWrite',
    returned: 'default',
    uniqueness: 'none',
    ...options,
  };
}

export const text = (name: string, description: string, options?: Options): ScimAttribute => attribute(name, 'string', description, options);
export const flag = (name: string, description: string, options?: Options): ScimAttribute => attribute(name, 'boolean', description, options);
export const reference = (name: string, description: string, referenceTypes: string[], options?: Options): ScimAttribute =>
  attribute(name, 'reference', description, { referenceTypes, caseExact: true, ...options });
export const dateTime = (name: string, description: string, options?: Options): ScimAttribute =>
  attribute(name, 'dateTime', description, options);

export function complex(name: string, description: string, subAttributes: ScimAttribute[], options?: Options): ScimAttribute {
  return { ...attribute(name, 'complex', description, options), subAttributes };
}

/** The value/display/type/primary shape RFC 7643 uses for emails, phoneNumbers, ims, photos, entitlements, roles. */
export function multiValued(name: string, description: string, types: string[], valueType: 'string' | 'reference' = 'string'): ScimAttribute {
  return complex(
    name,
    description,
    [
      valueType === 'reference' ? reference('value', `The ${name} value.`, ['external']) : text('value', `The ${name} value.`),
      text('display', 'A human-readable name, primarily used for display purposes.'),
      text('type', 'A label indicating the function of the value.', types.length > 0 ? { canonicalValues: types } : {}),
      flag('primary', 'Whether this is the primary value of the attribute.'),
    ],
    { multiValued: true },
  );
}

/** id, externalId and meta: on every resource, outside any schema's attribute list (RFC 7643 §3.1). */
export const commonAttributes: ScimAttribute[] = [
  text('id', 'Unique identifier assigned by the service provider.', {
    caseExact: true,
    mutability: 'readOnly',
    returned: 'always',
    uniqueness: 'server',
  }),
  text('externalId', "The client's identifier for the resource; opaque to the service provider.", { caseExact: true }),
  complex(
    'meta',
    'Resource metadata.',
    [
      text('resourceType', 'The resource type.', { caseExact: true, mutability: 'readOnly' }),
      dateTime('created', 'When the resource was added.', { mutability: 'readOnly' }),
      dateTime('lastModified', 'When the resource was last changed.', { mutability: 'readOnly' }),
      reference('location', 'The URI of the resource.', ['uri'], { mutability: 'readOnly' }),
      text('version', 'The version (weak ETag) of the resource.', { caseExact: true, mutability: 'readOnly' }),
    ],
    { mutability: 'readOnly' },
  ),
];
