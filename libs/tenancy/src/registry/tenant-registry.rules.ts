import { formatPath } from './field-path.format';
import type { AuditorConfig, TenantConfig } from './tenant.schema';

/** Rotation needs the old and the new token at once; a third active token is a forgotten one. */
export const MAX_ACTIVE_SCIM_TOKENS = 2;

export interface RegistryConflict {
  path: (string | number)[];
  message: string;
}

interface RegistryShape {
  platformAuditors: AuditorConfig[];
  tenants: TenantConfig[];
}

/** Rules that span entries, which a per-field schema cannot express. */
export function findRegistryConflicts(registry: RegistryShape): RegistryConflict[] {
  return [
    ...duplicateIds(
      registry.tenants.map((tenant, index) => ({ id: tenant.id, path: ['tenants', index, 'id'] })),
      'tenant id',
    ),
    ...duplicateIds(
      registry.platformAuditors.map((auditor, index) => ({ id: auditor.id, path: ['platformAuditors', index, 'id'] })),
      'platform auditor id',
    ),
    ...registry.tenants.flatMap((tenant, index) => tenantConflicts(tenant, index)),
    ...sharedDigests(registry),
  ];
}

function tenantConflicts(tenant: TenantConfig, index: number): RegistryConflict[] {
  const tokensPath = ['tenants', index, 'okta', 'scimTokens'];
  const active = tenant.okta.scimTokens.filter((token) => !token.revoked);
  const tooManyActive: RegistryConflict[] =
    active.length > MAX_ACTIVE_SCIM_TOKENS
      ? [
          {
            path: tokensPath,
            message:
              `at most ${MAX_ACTIVE_SCIM_TOKENS} tokens may be active at once (for rotation), found ${active.length} ` +
              `(${active.map((token) => token.id).join(', ')}); mark the replaced ones revoked: true`,
          },
        ]
      : [];
  return [
    ...tooManyActive,
    ...duplicateIds(
      tenant.okta.scimTokens.map((token, tokenIndex) => ({ id: token.id, path: [...tokensPath, tokenIndex, 'id'] })),
      'token id',
    ),
    ...duplicateIds(
      tenant.audit.auditors.map((auditor, auditorIndex) => ({
        id: auditor.id,
        path: ['tenants', index, 'audit', 'auditors', auditorIndex, 'id'],
      })),
      'auditor id',
    ),
  ];
}

interface Located {
  id: string;
  path: (string | number)[];
}

/** Every entry whose id appeared earlier, paired with that earlier entry. */
function repeats(entries: Located[]): { entry: Located; first: Located }[] {
  const firstSeen = new Map<string, Located>();
  return entries.flatMap((entry) => {
    const first = firstSeen.get(entry.id);
    if (first === undefined) {
      firstSeen.set(entry.id, entry);
      return [];
    }
    return [{ entry, first }];
  });
}

function duplicateIds(entries: Located[], what: string): RegistryConflict[] {
  return repeats(entries).map(({ entry, first }) => ({
    path: entry.path,
    message: `duplicate ${what} "${entry.id}" (also at ${formatPath(first.path)})`,
  }));
}

// One digest in two places would make a token authenticate as whichever entry came first.
function sharedDigests(registry: RegistryShape): RegistryConflict[] {
  const digests: Located[] = [
    ...registry.platformAuditors.map((auditor, index) => ({
      id: auditor.tokenDigest,
      path: ['platformAuditors', index, 'tokenDigest'],
    })),
    ...registry.tenants.flatMap((tenant, tenantIndex) => [
      ...tenant.okta.scimTokens.map((token, index) => ({
        id: token.digest,
        path: ['tenants', tenantIndex, 'okta', 'scimTokens', index, 'digest'],
      })),
      ...tenant.audit.auditors.map((auditor, index) => ({
        id: auditor.tokenDigest,
        path: ['tenants', tenantIndex, 'audit', 'auditors', index, 'tokenDigest'],
      })),
    ]),
  ];
  return repeats(digests).map(({ entry, first }) => ({
    path: entry.path,
    message: `this digest is already used at ${formatPath(first.path)}; every credential needs its own token (generate a new one)`,
  }));
}
