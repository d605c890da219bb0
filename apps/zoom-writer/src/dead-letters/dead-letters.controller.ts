import { Controller, Get, NotFoundException, Param, ParseUUIDPipe, Post, Query, UseFilters, UseGuards } from '@nestjs/common';
import { TenantService } from '@bridge/tenancy';
import { OperatorErrorFilter } from '../operator-api/operator-error.filter';
import { PlatformOperatorGuard } from '../operator-api/platform-operator.guard';
import { DeadLettersService, type DeadLetterView } from './dead-letters.service';

@Controller('api/v1')
@UseGuards(PlatformOperatorGuard)
@UseFilters(OperatorErrorFilter)
export class DeadLettersController {
  constructor(
    private readonly deadLetters: DeadLettersService,
    private readonly tenants: TenantService,
  ) {}

  @Get('tenants/:tenantId/dead-letters')
  async list(@Param('tenantId') tenantId: string, @Query('includeReplayed') includeReplayed?: string): Promise<{ deadLetters: DeadLetterView[] }> {
    this.assertTenant(tenantId);
    return { deadLetters: await this.deadLetters.list(tenantId, includeReplayed === 'true') };
  }

  @Post('dead-letters/:id/replay')
  async replay(@Param('id', ParseUUIDPipe) id: string): Promise<{ replayed: DeadLetterView[] }> {
    return { replayed: [await this.deadLetters.replay(id)] };
  }

  @Post('tenants/:tenantId/dead-letters/replay')
  async replayTenant(@Param('tenantId') tenantId: string): Promise<{ replayed: DeadLetterView[] }> {
    this.assertTenant(tenantId);
    return { replayed: await this.deadLetters.replayTenant(tenantId) };
  }

  private assertTenant(tenantId: string): void {
    if (this.tenants.directory().get(tenantId) === undefined) {
      throw new NotFoundException({ error: 'tenant-not-found', detail: `no tenant ${tenantId} in the tenant registry` });
    }
  }
}
