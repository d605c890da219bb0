import { timingSafeEqual } from 'node:crypto';
import type { RegistryLineLocator } from '../registry/registry-line.locator';
import type { TenantRegistry } from '../registry/tenant-registry.schema';
import type { TenantConfig } from '../registry/tenant.schema';
import { digestBytes, tokenHash } from '../tokens/token.digest';
import { AuditorRejectionDetail, ScimRejectionDetail } from './credential-rejection.messages';

export type CredentialRejectionReason = 'missing' | 'empty' | 'unknown' | 'revoked';

export interface CredentialRejection {
  ok: false;
  reason: CredentialRejectionReason;
  /** A sentence for the person who configured the caller (the Okta admin, the auditor). */
  detail: string;
  /** For a revoked credential: whose it was, for logs and audit. */
  tenantId?: string;
  credentialId?: string;
}

export type ScimAuthentication = { ok: true; tenant: TenantConfig; tokenId: string } | CredentialRejection;

export type AuditorScope = { kind: 'tenant'; tenantId: string } | { kind: 'platform' };

export type AuditorAuthentication = { ok: true; auditorId: string; scope: AuditorScope } | CredentialRejection;

type CredentialOwner =
  | { role: 'scim'; tenant: TenantConfig; tokenId: string }
  | { role: 'auditor'; auditorId: string; scope: AuditorScope };

interface Credential {
  digest: Buffer;
  revoked: boolean;
  owner: CredentialOwner;
}

/** The tenants of one registry version, and the credentials that unlock them. Immutable. */
export class TenantDirectory {
  private readonly tenants: ReadonlyMap<string, TenantConfig>;
  private readonly credentials: readonly Credential[];

  constructor(
    readonly registry: TenantRegistry,
    /** Where each field sits in the file this version came from, when it came from one. */
    readonly source?: RegistryLineLocator,
  ) {
    this.tenants = new Map(registry.tenants.map((tenant) => [tenant.id, tenant]));
    this.credentials = collectCredentials(registry);
  }

  get(tenantId: string): TenantConfig | undefined {
    return this.tenants.get(tenantId);
  }

  list(): readonly TenantConfig[] {
    return this.registry.tenants;
  }

  /** Which tenant Okta is calling as, from the bearer token it presented. */
  authenticateScimToken(token: string | undefined): ScimAuthentication {
    const blank = blankTokenReason(token);
    if (blank !== undefined) {
      return { ok: false, reason: blank, detail: ScimRejectionDetail[blank] };
    }
    const owner = this.findOwner(token ?? '');
    if (owner === undefined) {
      return { ok: false, reason: 'unknown', detail: ScimRejectionDetail.unknown };
    }
    if (owner.credential.role === 'auditor') {
      return { ok: false, reason: 'unknown', detail: ScimRejectionDetail.auditorToken };
    }
    const { tenant, tokenId } = owner.credential;
    if (owner.revoked) {
      return {
        ok: false,
        reason: 'revoked',
        detail: ScimRejectionDetail.revoked(tenant.id, tokenId),
        tenantId: tenant.id,
        credentialId: tokenId,
      };
    }
    return { ok: true, tenant, tokenId };
  }

  /** Which auditor is querying the audit API, and over which tenants. */
  authenticateAuditor(token: string | undefined): AuditorAuthentication {
    const blank = blankTokenReason(token);
    if (blank !== undefined) {
      return { ok: false, reason: blank, detail: AuditorRejectionDetail[blank] };
    }
    const owner = this.findOwner(token ?? '');
    if (owner === undefined) {
      return { ok: false, reason: 'unknown', detail: AuditorRejectionDetail.unknown };
    }
    if (owner.credential.role === 'scim') {
      return { ok: false, reason: 'unknown', detail: AuditorRejectionDetail.scimToken };
    }
    const { auditorId, scope } = owner.credential;
    if (owner.revoked) {
      return {
        ok: false,
        reason: 'revoked',
        detail: AuditorRejectionDetail.revoked(auditorId),
        ...(scope.kind === 'tenant' ? { tenantId: scope.tenantId } : {}),
        credentialId: auditorId,
      };
    }
    return { ok: true, auditorId, scope };
  }

  /** The rate-budget key: tenants on one Zoom account share Zoom's per-account limits. */
  zoomBudgetKey(tenant: TenantConfig): string {
    return zoomBudgetKey(tenant);
  }

  private findOwner(token: string): { credential: CredentialOwner; revoked: boolean } | undefined {
    const presented = tokenHash(token);
    let found: Credential | undefined;
    // Every digest is compared, with no early exit, so timing does not reveal which entry matched.
    for (const credential of this.credentials) {
      const equal = timingSafeEqual(presented, credential.digest);
      found = equal && found === undefined ? credential : found;
    }
    return found === undefined ? undefined : { credential: found.owner, revoked: found.revoked };
  }
}

/**
 * Tenants naming one Zoom account share its budget. Without an account id the tenant gets a
 * budget of its own: sharing by base URL alone would merge unrelated accounts on api.zoom.us.
 */
export function zoomBudgetKey(tenant: TenantConfig): string {
  const accountId = tenant.zoom.accountId ?? (tenant.zoom.auth.type === 'oauth' ? tenant.zoom.auth.accountId : undefined);
  return accountId === undefined ? `tenant:${tenant.id}@${tenant.zoom.baseUrl}` : `zoom-account:${accountId}`;
}

function blankTokenReason(token: string | undefined): 'missing' | 'empty' | undefined {
  if (token === undefined) {
    return 'missing';
  }
  return token.trim() === '' ? 'empty' : undefined;
}

function collectCredentials(registry: TenantRegistry): Credential[] {
  const credential = (digest: string, revoked: boolean, owner: CredentialOwner): Credential => {
    const bytes = digestBytes(digest);
    if (bytes === undefined) {
      const id = owner.role === 'scim' ? `${owner.tenant.id}/${owner.tokenId}` : owner.auditorId;
      throw new Error(`malformed digest for ${owner.role} credential ${id}: build a TenantDirectory from a validated registry`);
    }
    return { digest: bytes, revoked, owner };
  };
  return [
    ...registry.platformAuditors.map((auditor) =>
      credential(auditor.tokenDigest, auditor.revoked, { role: 'auditor', auditorId: auditor.id, scope: { kind: 'platform' } }),
    ),
    ...registry.tenants.flatMap((tenant) => [
      ...tenant.okta.scimTokens.map((token) =>
        credential(token.digest, token.revoked, { role: 'scim', tenant, tokenId: token.id }),
      ),
      ...tenant.audit.auditors.map((auditor) =>
        credential(auditor.tokenDigest, auditor.revoked, {
          role: 'auditor',
          auditorId: auditor.id,
          scope: { kind: 'tenant', tenantId: tenant.id },
        }),
      ),
    ]),
  ];
}
