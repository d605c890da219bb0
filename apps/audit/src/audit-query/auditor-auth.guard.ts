import { Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { TenantService, type AuditorScope } from '@bridge/tenancy';

export interface Auditor {
  auditorId: string;
  scope: AuditorScope;
}

export type AuditorRequest = Request & { auditor?: Auditor };

/** Auditor credentials are per tenant (or platform-wide), separate from Okta's SCIM tokens. */
@Injectable()
export class AuditorAuthGuard implements CanActivate {
  constructor(private readonly tenants: TenantService) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<AuditorRequest>();
    const header = request.headers.authorization;
    const token = header === undefined ? undefined : (/^Bearer\s+(.*)$/i.exec(header.trim())?.[1]?.trim() ?? '');
    const result = this.tenants.directory().authenticateAuditor(token);
    if (!result.ok) {
      throw new UnauthorizedException({ errorCode: 'E0000011', errorSummary: result.detail });
    }
    request.auditor = { auditorId: result.auditorId, scope: result.scope };
    return true;
  }
}
