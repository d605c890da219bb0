import type { TenantDirectory } from '@bridge/tenancy';
import type { Auditor } from './auditor-auth.guard';
import { AuditQueryErrorCode, AuditQueryException } from './audit-query.exception';

/**
 * The one tenant a query reads. A tenant auditor always reads their own; naming another tenant is
 * answered exactly like an unknown one (404). A platform auditor names the tenant.
 */
export function resolveTenant(auditor: Auditor, requested: unknown, directory: TenantDirectory): string {
  if (requested !== undefined && typeof requested !== 'string') {
    throw new AuditQueryException(AuditQueryErrorCode.INVALID_PARAMETER, 'Api validation failed: tenantId', ['tenantId: give it once']);
  }
  const notFound = (): AuditQueryException =>
    new AuditQueryException(AuditQueryErrorCode.NOT_FOUND, `Not found: Resource not found: ${String(requested)} (Tenant)`);
  if (auditor.scope.kind === 'tenant') {
    if (requested !== undefined && requested !== '' && requested !== auditor.scope.tenantId) {
      throw notFound();
    }
    return auditor.scope.tenantId;
  }
  if (requested === undefined || requested === '') {
    throw new AuditQueryException(AuditQueryErrorCode.TENANT_REQUIRED, 'Api validation failed: tenantId', ['tenantId: a platform auditor names the tenant to query']);
  }
  if (directory.get(requested) === undefined) {
    throw notFound();
  }
  return requested;
}
