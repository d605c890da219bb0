import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { ScimError } from '@bridge/scim';
import { TenantService, type TenantConfig } from '@bridge/tenancy';
import { setContextField } from '@bridge/observability';

export interface ScimCaller {
  tenant: TenantConfig;
  tokenId: string;
}

export type AuthenticatedRequest = Request & { scimCaller?: ScimCaller };

/** Finds the tenant from the bearer token Okta sends; the tenant is never taken from the URL. */
@Injectable()
export class ScimAuthGuard implements CanActivate {
  constructor(private readonly tenants: TenantService) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const result = this.tenants.directory().authenticateScimToken(bearerToken(request.headers.authorization));
    if (!result.ok) {
      throw new ScimError(401, result.detail);
    }
    request.scimCaller = { tenant: result.tenant, tokenId: result.tokenId };
    setContextField('tenantId', result.tenant.id);
    return true;
  }
}

/** undefined when there is no Authorization header; '' when it carries no bearer token. */
export function bearerToken(header: string | undefined): string | undefined {
  if (header === undefined) {
    return undefined;
  }
  const match = /^Bearer\s+(.*)$/i.exec(header.trim());
  return match ? match[1].trim() : '';
}
