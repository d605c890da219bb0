import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { currentContext, redactSecrets } from '@bridge/observability';
import type { AuditOutcome } from '../audit-store/audit-record';
import { AuditWriterService } from '../audit-store/audit-writer.service';
import type { Auditor } from './auditor-auth.guard';

/** Every audit query is itself an audit record in the tenant's chain: who asked for what, and when. */
@Injectable()
export class QueryRecorder {
  constructor(private readonly writer: AuditWriterService) {}

  async record(auditor: Auditor, tenantId: string, action: string, request: Request, outcome: AuditOutcome = 'success', reason: string | null = null): Promise<void> {
    const correlationId = currentContext().correlationId;
    await this.writer.append([
      {
        id: randomUUID(),
        tenantId,
        occurredAt: new Date(),
        eventType: `audit.${action}`,
        topic: 'audit.api',
        actor: { type: auditor.scope.kind === 'platform' ? 'platform-auditor' : 'auditor', id: auditor.auditorId },
        targets: [{ type: 'tenant', id: tenantId }],
        outcome,
        reason,
        correlationId: typeof correlationId === 'string' ? correlationId : randomUUID(),
        causationId: null,
        details: redactSecrets({ method: request.method, path: request.path, query: request.query, sourceAddress: request.ip ?? null }),
      },
    ]);
  }
}
