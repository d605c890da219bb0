import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Public } from '../public.decorator';
import { HealthRegistry } from './health.registry';

@Public()
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthRegistry) {}

  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  // The response is written here rather than thrown, so an app's exception filter (SCIM error bodies
  // at okta-ingest) cannot reshape what probes read.
  @Get('ready')
  async ready(@Res() res: Response): Promise<void> {
    const report = await this.health.checkReadiness();
    res
      .status(report.ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
      .json({ status: report.ready ? 'ready' : 'not-ready', checks: report.checks });
  }
}
