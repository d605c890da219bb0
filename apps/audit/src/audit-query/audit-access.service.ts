import { Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { TenantService } from '@bridge/tenancy';
import { AuditQueryErrorCode, AuditQueryException } from './audit-query.exception';
import type { Auditor, AuditorRequest } from './auditor-auth.guard';
import { resolveTenant } from './auditor-scope';
import { QueryRecorder } from './query-recorder.service';

/** Decides which tenant a request may read and records the request in that tenant's trail. */
@Injectable()
export class AuditAccess {
  constructor(
    private readonly tenants: TenantService,
    private readonly recorder: QueryRecorder,
  ) {}

  /** Resolves the tenant, then runs `validate` (parameter parsing), then records the query before it runs. */
  async open<T>(request: AuditorRequest, action: string, validate: () => T): Promise<{ auditor: Auditor; tenantId: string; input: T }> {
    const auditor = request.auditor;
    if (auditor === undefined) {
      throw new Error('AuditorAuthGuard did not run');
    }
    let tenantId: string;
    try {
      tenantId = resolveTenant(auditor, request.query['tenantId'], this.tenants.directory());
    } catch (error) {
      // A tenant auditor probing another tenant is worth a record in their own tenant's trail.
      if (error instanceof AuditQueryException && error.code === AuditQueryErrorCode.NOT_FOUND && auditor.scope.kind === 'tenant') {
        await this.recorder.record(auditor, auditor.scope.tenantId, action, request as Request, 'failure', 'another tenant was named');
      }
      throw error;
    }
    const input = validate();
    await this.recorder.record(auditor, tenantId, action, request as Request);
    return { auditor, tenantId, input };
  }
}
