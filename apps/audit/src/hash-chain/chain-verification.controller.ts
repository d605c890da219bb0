import { Controller, Get, Req, UseFilters, UseGuards } from '@nestjs/common';
import { AuditAccess } from '../audit-query/audit-access.service';
import { AuditQueryExceptionFilter } from '../audit-query/audit-query-exception.filter';
import { AuditQueryErrorCode, AuditQueryException } from '../audit-query/audit-query.exception';
import { single, type RawQuery } from '../audit-query/audit-query.params';
import { AuditorAuthGuard, type AuditorRequest } from '../audit-query/auditor-auth.guard';
import { ChainVerificationService, type VerificationReport } from './chain-verification.service';

function seqParam(raw: RawQuery, name: string): bigint | undefined {
  const value = single(raw, name);
  if (value === undefined) {
    return undefined;
  }
  if (!/^[1-9]\d{0,17}$/.test(value)) {
    throw new AuditQueryException(AuditQueryErrorCode.INVALID_PARAMETER, `Api validation failed: ${name}`, [`${name}: a record position (chain.seq), 1 or more`]);
  }
  return BigInt(value);
}

/** Proves the tenant's trail (or records fromSeq..toSeq) intact, or names the first broken record. */
@Controller('api/v1/audit')
@UseGuards(AuditorAuthGuard)
@UseFilters(AuditQueryExceptionFilter)
export class ChainVerificationController {
  constructor(
    private readonly access: AuditAccess,
    private readonly verification: ChainVerificationService,
  ) {}

  @Get('verify')
  async verify(@Req() request: AuditorRequest): Promise<VerificationReport> {
    const raw = request.query as RawQuery;
    const { tenantId, input } = await this.access.open(request, 'chain.verified', () => ({ fromSeq: seqParam(raw, 'fromSeq'), toSeq: seqParam(raw, 'toSeq') }));
    return this.verification.verify(tenantId, input);
  }
}
