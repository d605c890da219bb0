import type { AccountConfig } from './account-config.schema';

/** Zoom's rate-limit labels for the SCIM2 API: single-resource calls are Light, list calls Medium. */
export type RateLabel = 'Light' | 'Medium';

/**
 * Where a user stands relative to the account that knows about it: `active` users belong to it
 * (whether `active` is true or false), `pending` users were invited and have not accepted, and
 * `foreign` users have a Zoom account elsewhere (a personal account on a work email).
 */
export type UserState = 'active' | 'pending' | 'foreign';

/** The Zoom role; Owner and Admin are "admin type" users that SCIM cannot deactivate. */
export type ZoomRole = 'Owner' | 'Admin' | 'Member';

export type UserType = 'Basic' | 'Licensed' | 'On-Prem';

export interface MultiValue {
  value: string;
  type?: string;
  primary?: boolean;
  display?: string;
}

export interface EnterpriseAttributes {
  department?: string;
  organization?: string;
  costCenter?: string;
  manager?: { value?: string; displayName?: string };
}

export interface LoginType {
  workEmail: boolean;
  sso: boolean;
}

/** What a SCIM client can set on a user. */
export interface UserAttributes {
  /** Always lower case: Zoom keys users by email and stores emails in lower case. */
  userName: string;
  givenName?: string;
  familyName?: string;
  displayName?: string;
  emails: MultiValue[];
  active: boolean;
  userType: UserType;
  title?: string;
  locale?: string;
  phoneNumbers?: MultiValue[];
  roles?: MultiValue[];
  enterprise?: EnterpriseAttributes;
  /** The Zoom extension: licence flags (booleans), personalLinkName, pronouns. */
  zoom?: Record<string, boolean | string>;
  loginType?: LoginType;
}

export interface SimUser extends UserAttributes {
  id: string;
  /** The account it was created or seeded in (for a foreign user: the account whose seed introduced it). */
  accountId: string;
  state: UserState;
  role: ZoomRole;
  created: number;
  lastModified: number;
}

export interface SimGroup {
  id: string;
  displayName: string;
  isDefault: boolean;
  /** User ids, in the order they were added. */
  members: Set<string>;
  emailAlias?: string;
  created: number;
  lastModified: number;
}

/** One Zoom account: its settings and the users and groups it holds. */
export interface SimAccount {
  config: AccountConfig;
  /** Users of this account (state `active`, whether or not deactivated) by id. */
  users: Map<string, SimUser>;
  /** Invited users who have not accepted yet: invisible to SCIM except through the filter quirk. */
  pendingUsers: Map<string, SimUser>;
  /** Foreign users seeded through this account, kept so a reset or replace can forget them. */
  foreignUsers: Map<string, SimUser>;
  groups: Map<string, SimGroup>;
  /** Lower-cased displayName to group id: names are unique per account, case-insensitively. */
  groupIdsByName: Map<string, string>;
}
