import { accountDefinitionSchema, type AccountDefinition } from './account-config.schema';

export const DEMO_ACCOUNT_ID = 'demo-account';

/**
 * The account the demo and the end-to-end tests use: static token and OAuth client, two associated
 * domains, Business limits, and seeds for the quirks (an owner and an admin that cannot be
 * deactivated, a pending invitee, a personal account on a work email).
 */
export function demoAccountDefinition(staticToken: string): AccountDefinition {
  return accountDefinitionSchema.parse({
    id: DEMO_ACCOUNT_ID,
    plan: 'Business',
    staticToken,
    oauth: { clientId: 'demo-client', clientSecret: 'demo-secret' },
    domains: ['example.com', 'acme.test'],
    rateLimits: { light: 80, medium: 60 },
    seed: {
      users: [
        { userName: 'owner@example.com', role: 'Owner', givenName: 'Olivia', familyName: 'Owner', userType: 'Licensed' },
        { userName: 'admin@example.com', role: 'Admin', givenName: 'Adam', familyName: 'Admin', userType: 'Licensed' },
        { userName: 'invited@example.com', state: 'pending' },
        { userName: 'personal@example.com', state: 'foreign' },
      ],
    },
  });
}
