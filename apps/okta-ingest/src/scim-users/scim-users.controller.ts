import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Patch, Post, Put, Query, Req, UseGuards } from '@nestjs/common';
import type { Request } from 'express';
import { userResourceType } from '@bridge/scim';
import { OKTA_INGEST_CONFIG, type OktaIngestConfig } from '../app.config';
import { InboundRateLimitGuard } from '../inbound-rate-limit/inbound-rate-limit.guard';
import { ScimAuthGuard, type ScimCaller } from '../scim-auth/scim-auth.guard';
import { Caller } from '../scim-auth/scim-caller.decorator';
import { listQuery, projection, requestScope, type ScimRequestScope } from '../scim-http/scim-request-scope';
import { ScimUsersService } from './scim-users.service';

@Controller('scim/v2/Users')
@UseGuards(ScimAuthGuard, InboundRateLimitGuard)
export class ScimUsersController {
  constructor(
    private readonly users: ScimUsersService,
    @Inject(OKTA_INGEST_CONFIG) private readonly config: OktaIngestConfig,
  ) {}

  @Get()
  list(@Caller() caller: ScimCaller, @Req() request: Request, @Query() query: Record<string, unknown>) {
    return this.users.list(this.scope(caller, request), listQuery(query), projection(userResourceType, query));
  }

  @Get(':id')
  get(@Caller() caller: ScimCaller, @Req() request: Request, @Param('id') id: string, @Query() query: Record<string, unknown>) {
    return this.users.get(this.scope(caller, request), id, projection(userResourceType, query));
  }

  @Post()
  @HttpCode(201)
  create(@Caller() caller: ScimCaller, @Req() request: Request, @Body() body: unknown) {
    return this.users.create(this.scope(caller, request), body);
  }

  @Put(':id')
  replace(@Caller() caller: ScimCaller, @Req() request: Request, @Param('id') id: string, @Body() body: unknown) {
    return this.users.replace(this.scope(caller, request), id, body);
  }

  @Patch(':id')
  patch(@Caller() caller: ScimCaller, @Req() request: Request, @Param('id') id: string, @Body() body: unknown) {
    return this.users.patch(this.scope(caller, request), id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  async delete(@Caller() caller: ScimCaller, @Req() request: Request, @Param('id') id: string): Promise<void> {
    await this.users.delete(this.scope(caller, request), id);
  }

  private scope(caller: ScimCaller, request: Request): ScimRequestScope {
    return requestScope(caller, request, this.config.PUBLIC_BASE_URL);
  }
}
