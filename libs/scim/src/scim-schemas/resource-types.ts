import { enterpriseUserSchema, zoomGroupSchema, zoomUserLoginSchema, zoomUserSchema } from './extension.schemas';
import { groupSchema } from './group.schema';
import type { ScimSchemaDefinition } from './scim-schema.model';
import { userSchema } from './user.schema';

export interface ResourceTypeDefinition {
  name: 'User' | 'Group';
  endpoint: '/Users' | '/Groups';
  description: string;
  schema: ScimSchemaDefinition;
  extensions: ScimSchemaDefinition[];
}

export const userResourceType: ResourceTypeDefinition = {
  name: 'User',
  endpoint: '/Users',
  description: 'User Account',
  schema: userSchema,
  extensions: [enterpriseUserSchema, zoomUserSchema, zoomUserLoginSchema],
};

export const groupResourceType: ResourceTypeDefinition = {
  name: 'Group',
  endpoint: '/Groups',
  description: 'Group',
  schema: groupSchema,
  extensions: [zoomGroupSchema],
};

export const resourceTypes: readonly ResourceTypeDefinition[] = [userResourceType, groupResourceType];

export const allSchemas: readonly ScimSchemaDefinition[] = [userSchema, groupSchema, enterpriseUserSchema, zoomUserSchema, zoomUserLoginSchema, zoomGroupSchema];
