import type { AttributePath } from '../scim-filter/scim-filter.ast';
import type { ResourceTypeDefinition } from './resource-types';
import { commonAttributes, type ScimAttribute, type ScimSchemaDefinition } from './scim-schema.model';

/** An attribute path resolved against a resource type's schemas, with names in their canonical case. */
export interface ResolvedAttribute {
  /** The extension schema URN, or undefined for core and common attributes. */
  extension?: string;
  attribute: ScimAttribute;
  subAttribute?: ScimAttribute;
}

export function findAttribute(attributes: readonly ScimAttribute[] | undefined, name: string): ScimAttribute | undefined {
  const wanted = name.toLowerCase();
  return attributes?.find((attribute) => attribute.name.toLowerCase() === wanted);
}

export function findExtension(type: ResourceTypeDefinition, urn: string): ScimSchemaDefinition | undefined {
  const wanted = urn.toLowerCase();
  return type.extensions.find((schema) => schema.id.toLowerCase() === wanted);
}

/** Attribute names compare without regard to case (RFC 7644 §3.10); undefined when the resource has no such attribute. */
export function resolveAttributePath(type: ResourceTypeDefinition, path: AttributePath): ResolvedAttribute | undefined {
  let extension: ScimSchemaDefinition | undefined;
  let attributes: readonly ScimAttribute[];
  if (path.urn === undefined || path.urn.toLowerCase() === type.schema.id.toLowerCase()) {
    attributes = [...type.schema.attributes, ...commonAttributes];
  } else {
    extension = findExtension(type, path.urn);
    if (extension === undefined) {
      return undefined;
    }
    attributes = extension.attributes;
  }
  const attribute = findAttribute(attributes, path.attribute);
  if (attribute === undefined) {
    return undefined;
  }
  if (path.subAttribute === undefined) {
    return { ...(extension === undefined ? {} : { extension: extension.id }), attribute };
  }
  const subAttribute = findAttribute(attribute.subAttributes, path.subAttribute);
  return subAttribute === undefined ? undefined : { ...(extension === undefined ? {} : { extension: extension.id }), attribute, subAttribute };
}
