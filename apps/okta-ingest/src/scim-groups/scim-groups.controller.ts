import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Patch, Post, Put, Query, Req, UseGuards } from '@nestjs/common';
import type { Request } from 'express';
import { groupResourceType } from '@bridge/scim';
import { OKTA_INGEST_CONFIG, type OktaIngestConfig } from '../app.config';
import { InboundRateLimitGuard } from '../inbound-rate-limit/inbound-rate-limit.guard';
import { ScimAuthGuard, type ScimCaller } from '../scim-auth/scim-auth.guard';
import { Caller } from '../scim-auth/scim-caller.decorator';
import { listQuery, projection, requestScope, type ScimRequestScope } from '../scim-http/scim-request-scope';
import { ScimGroupsService } from './scim-groups.service';

@Controller('scim/v2/Groups')
@UseGuards(ScimAuthGuard, InboundRateLimitGuard)
export class ScimGroupsController {
  constructor(
    private readonly groups: ScimGroupsService,
    @Inject(OKTA_INGEST_CONFIG) private readonly config: OktaIngestConfig,
  ) {}

  @Get()
  list(@Caller() caller: ScimCaller, @Req() request: Request, @Query() query: Record<string, unknown>) {
    return this.groups.list(this.scope(caller, request), listQuery(query), projection(groupResourceType, query));
  }

  @Get(':id')
  get(@Caller() caller: ScimCaller, @Req() request: Request, @Param('id') id: string, @Query() query: Record<string, unknown>) {
    return this.groups.get(this.scope(caller, request), id, projection(groupResourceType, query));
  }

  @Post()
  @HttpCode(201)
  create(@Caller() caller: ScimCaller, @Req() request: Request, @Body() body: unknown) {
    return this.groups.create(this.scope(caller, request), body);
  }

  @Put(':id')
  replace(@Caller() caller: ScimCaller, @Req() request: Request, @Param('id') id: string, @Body() body: unknown) {
    return this.groups.replace(this.scope(caller, request), id, body);
  }

  /** 204, as Okta and Entra accept: answering a large group's whole member list to every PATCH costs both sides. */
  @Patch(':id')
  @HttpCode(204)
  async patch(@Caller() caller: ScimCaller, @Req() request: Request, @Param('id') id: string, @Body() body: unknown): Promise<void> {
    await this.groups.patch(this.scope(caller, request), id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  async delete(@Caller() caller: ScimCaller, @Req() request: Request, @Param('id') id: string): Promise<void> {
    await this.groups.delete(this.scope(caller, request), id);
  }

  private scope(caller: ScimCaller, request: Request): ScimRequestScope {
    return requestScope(caller, request, this.config.PUBLIC_BASE_URL);
  }
}
