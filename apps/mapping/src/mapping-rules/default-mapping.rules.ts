import { SchemaUrns } from '@bridge/scim';
import type { MappingRule } from './mapping-rule.model';
import { mappingRuleSchema, type MappingRuleInput } from './mapping-rule.schema';

/**
 * The built-in mapping, written in the tenant grammar so that a tenant rule for the same target
 * can replace it (or `remove: true` drop it). Ids start with "default-", which tenants cannot use.
 */
export const DEFAULT_RULE_INPUTS: readonly MappingRuleInput[] = [
  { id: 'default-user-name', target: 'userName', transform: { lowercase: 'userName' } },
  {
    id: 'default-work-email',
    target: 'emails[type eq "work"].value',
    // Okta marks one email primary; failing a work email, Zoom's sign-in (userName) is one too.
    transform: {
      lowercase: ['emails[type eq "work" and primary eq true].value', 'emails[type eq "work"].value', 'emails[primary eq true].value', 'emails.value', 'userName'],
    },
  },
  { id: 'default-given-name', target: 'name.givenName', transform: { trim: 'name.givenName' } },
  { id: 'default-family-name', target: 'name.familyName', transform: { trim: 'name.familyName' } },
  { id: 'default-display-name', target: 'displayName', transform: { trim: 'displayName' }, when: { attribute: 'displayName', present: true } },
  { id: 'default-display-name-from-names', target: 'displayName', transform: { template: '${name.givenName} ${name.familyName}' } },
  { id: 'default-title', target: 'title', transform: { trim: 'title' } },
  { id: 'default-locale', target: 'locale', transform: { trim: 'locale' } },
  { id: 'default-active', target: 'active', transform: { copy: 'active' } },
  { id: 'default-work-phone', target: 'phoneNumbers[type eq "work"].value', transform: { trim: 'phoneNumbers[type eq "work"].value' } },
  { id: 'default-mobile-phone', target: 'phoneNumbers[type eq "mobile"].value', transform: { trim: 'phoneNumbers[type eq "mobile"].value' } },
  { id: 'default-home-phone', target: 'phoneNumbers[type eq "home"].value', transform: { trim: 'phoneNumbers[type eq "home"].value' } },
  { id: 'default-department', target: `${SchemaUrns.enterpriseUser}:department`, transform: { trim: `${SchemaUrns.enterpriseUser}:department` } },
];

export const DEFAULT_RULES: readonly MappingRule[] = DEFAULT_RULE_INPUTS.map((input) => mappingRuleSchema.parse(input));
