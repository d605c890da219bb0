import { ForbiddenException, Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { TenantService } from '@bridge/tenancy';

/**
 * The operator endpoints (dead letters, credential checks) act across tenants, so they take a
 * platform auditor's token from the tenant registry (`platformAuditors`); tenant auditors and
 * Okta's SCIM tokens are refused.
 */
@Injectable()
export class PlatformOperatorGuard implements CanActivate {
  constructor(private readonly tenants: TenantService) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<Request>();
    const header = request.headers.authorization;
    const token = header === undefined ? undefined : (/^Bearer\s+(.*)$/i.exec(header.trim())?.[1]?.trim() ?? '');
    const result = this.tenants.directory().authenticateAuditor(token);
    if (!result.ok) {
      throw new UnauthorizedException({ error: 'unauthorized', detail: result.detail });
    }
    if (result.scope.kind !== 'platform') {
      throw new ForbiddenException({ error: 'forbidden', detail: `auditor ${result.auditorId} is scoped to one tenant; these endpoints need a platform auditor token (platformAuditors in the tenant registry)` });
    }
    return true;
  }
}
