// Okta shows a 401's `detail` verbatim in the admin's task list, so each one says what to do next.

const GENERATE_SCIM = '`npm run tokens -- generate --tenant <tenant id>`';
const GENERATE_AUDITOR = '`npm run tokens -- generate --tenant <tenant id> --kind auditor --id <your name>`';

export const ScimRejectionDetail = {
  missing:
    'The request carries no bearer token. In the Okta app, under Provisioning > Integration, enable API integration ' +
    `and paste the token from ${GENERATE_SCIM} into the API Token field.`,
  empty:
    'The Authorization header holds an empty bearer token. ' +
    `Paste the token from ${GENERATE_SCIM} into the Okta app's API Token field and save.`,
  unknown:
    `The bearer token is not known to the bridge. Generate a token with ${GENERATE_SCIM} ` +
    "and paste it into the Okta app's API Token field.",
  auditorToken:
    "The bearer token is an auditor token for the bridge's audit API, not a SCIM token. " +
    `Generate a SCIM token with ${GENERATE_SCIM} and paste it into the Okta app's API Token field.`,
  revoked: (tenantId: string, tokenId: string): string =>
    `The bearer token "${tokenId}" of tenant ${tenantId} has been revoked. Paste the tenant's current token ` +
    `into the Okta app's API Token field, or generate one with \`npm run tokens -- generate --tenant ${tenantId}\`.`,
} as const;

export const AuditorRejectionDetail = {
  missing:
    'The request carries no bearer token. Send `Authorization: Bearer <auditor token>`; ' +
    `the bridge operator issues auditor tokens with ${GENERATE_AUDITOR}.`,
  empty: `The Authorization header holds an empty bearer token. Send the auditor token issued with ${GENERATE_AUDITOR}.`,
  unknown: `The bearer token is not a known auditor token. Ask the bridge operator for one (${GENERATE_AUDITOR}).`,
  scimToken:
    'The bearer token is the SCIM token Okta uses, not an auditor token. ' +
    `Ask the bridge operator for an auditor token (${GENERATE_AUDITOR}).`,
  revoked: (auditorId: string): string =>
    `The auditor token "${auditorId}" has been revoked. Ask the bridge operator for a new one (${GENERATE_AUDITOR}).`,
} as const;
