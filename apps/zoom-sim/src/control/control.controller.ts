import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query, Req } from '@nestjs/common';
import type { Request } from 'express';
import { Public } from '@bridge/observability';
import { z } from 'zod';
import { faultsSchema, type Faults } from '../faults/faults.schema';
import { accountConfigSchema, accountSeedSchema, type AccountConfig, type AccountSeed } from '../state/account-config.schema';
import { toAccountSummary } from './account-snapshot.mapper';
import { ControlService } from './control.service';
import { ZodPipe } from './zod-body.pipe';

const callsQuerySchema = z.object({
  since: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(50_000).default(1000),
});

const statsQuerySchema = z.object({
  seconds: z.coerce.number().int().min(1).max(3600).default(10),
});

/** The simulator's own API, for tests, demos and benchmarks. No auth: the simulator never runs in production. */
@Public()
@Controller('_control')
export class ControlController {
  constructor(private readonly control: ControlService) {}

  @Post('reset')
  @HttpCode(200)
  reset(): { accounts: string[] } {
    return { accounts: this.control.reset() };
  }

  @Get('accounts')
  listAccounts(): Record<string, unknown>[] {
    return this.control.listAccounts();
  }

  @Post('accounts')
  putAccount(@Body(new ZodPipe(accountConfigSchema)) config: AccountConfig): Record<string, unknown> {
    return toAccountSummary(this.control.putAccount(config).config);
  }

  @Delete('accounts/:id')
  @HttpCode(204)
  removeAccount(@Param('id') id: string): void {
    this.control.removeAccount(id);
  }

  @Post('accounts/:id/seed')
  seed(@Param('id') id: string, @Body(new ZodPipe(accountSeedSchema)) seed: AccountSeed): ReturnType<ControlService['seed']> {
    return this.control.seed(id, seed);
  }

  @Put('accounts/:id/faults')
  setFaults(@Param('id') id: string, @Body(new ZodPipe(faultsSchema)) faults: Faults): Faults {
    return this.control.setFaults(id, faults);
  }

  @Delete('accounts/:id/faults')
  @HttpCode(204)
  clearFaults(@Param('id') id: string): void {
    this.control.clearFaults(id);
  }

  @Get('accounts/:id/state')
  snapshot(@Param('id') id: string, @Req() req: Request): Record<string, unknown> {
    return this.control.snapshot(id, `${req.protocol}://${req.get('host') ?? 'localhost'}/scim2`);
  }

  @Get('accounts/:id/calls')
  calls(@Param('id') id: string, @Query(new ZodPipe(callsQuerySchema)) query: z.output<typeof callsQuerySchema>): ReturnType<ControlService['calls']> {
    return this.control.calls(id, query.since, query.limit);
  }

  @Get('accounts/:id/stats')
  stats(@Param('id') id: string, @Query(new ZodPipe(statsQuerySchema)) query: z.output<typeof statsQuerySchema>): ReturnType<ControlService['stats']> {
    return this.control.stats(id, query.seconds);
  }
}
