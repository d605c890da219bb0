import { SchemaUrns } from './schema-urns';

export interface ScimMeta {
  resourceType: 'User' | 'Group';
  created: string;
  lastModified: string;
  version: string;
  location: string;
}

export interface ScimMultiValued {
  value: string;
  type?: string;
  primary?: boolean;
  display?: string;
}

export interface ScimName {
  formatted?: string;
  familyName?: string;
  givenName?: string;
  middleName?: string;
  honorificPrefix?: string;
  honorificSuffix?: string;
}

/** A SCIM user as the bridge returns it. Extension attributes sit under their schema URN. */
export interface ScimUser {
  schemas: string[];
  id: string;
  externalId?: string;
  userName: string;
  name?: ScimName;
  displayName?: string;
  nickName?: string;
  title?: string;
  userType?: string;
  preferredLanguage?: string;
  locale?: string;
  timezone?: string;
  active: boolean;
  emails?: ScimMultiValued[];
  phoneNumbers?: ScimMultiValued[];
  roles?: ScimMultiValued[];
  /** Read-only: the groups the user is a member of. */
  groups?: ScimUserGroup[];
  meta?: ScimMeta;
  [extensionUrn: string]: unknown;
}

export interface ScimUserGroup {
  value: string;
  $ref: string;
  display: string;
  type: 'direct';
}

export interface ScimGroupMember {
  value: string;
  display?: string;
  $ref?: string;
}

export interface ScimGroup {
  schemas: string[];
  id: string;
  externalId?: string;
  displayName: string;
  members: ScimGroupMember[];
  meta?: ScimMeta;
  [extensionUrn: string]: unknown;
}

export interface ScimListResponse<T> {
  schemas: [typeof SchemaUrns.listResponse];
  totalResults: number;
  startIndex: number;
  itemsPerPage: number;
  Resources: T[];
}

export function listResponse<T>(resources: T[], totalResults: number, startIndex: number): ScimListResponse<T> {
  return {
    schemas: [SchemaUrns.listResponse],
    totalResults,
    startIndex,
    itemsPerPage: resources.length,
    Resources: resources,
  };
}
