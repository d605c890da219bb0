import { Controller, Get, NotFoundException, Param, UseGuards } from '@nestjs/common';
import { TenantService } from '@bridge/tenancy';
import { PlatformOperatorGuard } from '../operator-api/platform-operator.guard';
import { CredentialsCheckService, type CredentialsReport } from './credentials-check.service';

@Controller('api/v1/tenants/:tenantId/zoom-credentials')
@UseGuards(PlatformOperatorGuard)
export class CredentialsCheckController {
  constructor(
    private readonly checker: CredentialsCheckService,
    private readonly tenants: TenantService,
  ) {}

  /** 200 with the report whatever it says: the check itself worked. */
  @Get('check')
  async check(@Param('tenantId') tenantId: string): Promise<CredentialsReport> {
    const tenant = this.tenants.directory().get(tenantId);
    if (tenant === undefined) {
      throw new NotFoundException({ error: 'tenant-not-found', detail: `no tenant ${tenantId} in the tenant registry` });
    }
    return this.checker.check(tenant);
  }
}
