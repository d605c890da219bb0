import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Patch, Post, Put, Query, Req, UseGuards } from '@nestjs/common';
import type { Request } from 'express';
import { ScimError } from '@bridge/scim';
import { OKTA_INGEST_CONFIG, type OktaIngestConfig } from '../app.config';
import { ScimAuthGuard, type ScimCaller } from '../scim-auth/scim-auth.guard';
import { Caller } from '../scim-auth/scim-caller.decorator';
import { scimBaseUrl } from '../scim-http/scim-base-url';
import { ScimUsersService, type ScimRequestScope } from './scim-users.service';

const MAX_PAGE = 1000;

@Controller('scim/v2/Users')
@UseGuards(ScimAuthGuard)
export class ScimUsersController {
  constructor(
    private readonly users: ScimUsersService,
    @Inject(OKTA_INGEST_CONFIG) private readonly config: OktaIngestConfig,
  ) {}

  @Get()
  list(
    @Caller() caller: ScimCaller,
    @Req() request: Request,
    @Query('filter') filter?: string,
    @Query('startIndex') startIndex?: string,
    @Query('count') count?: string,
  ) {
    return this.users.list(
      this.scope(caller, request),
      filter,
      Math.max(1, pageNumber('startIndex', startIndex, 1)),
      Math.min(MAX_PAGE, Math.max(0, pageNumber('count', count, 100))),
    );
  }

  @Get(':id')
  get(@Caller() caller: ScimCaller, @Req() request: Request, @Param('id') id: string) {
    return this.users.get(this.scope(caller, request), id);
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
    return { tenantId: caller.tenant.id, baseUrl: scimBaseUrl(request, this.config.PUBLIC_BASE_URL) };
  }
}


function pageNumber(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') {
    return fallback;
  }
  if (!/^-?\d+$/.test(raw)) {
    throw new ScimError(400, `${name} must be an integer, not ${JSON.stringify(raw)}.`, 'invalidValue');
  }
  return Number(raw);
}
