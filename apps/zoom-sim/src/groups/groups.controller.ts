import { Controller, Delete, Get, Param, Patch, Post, Put, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ScimGatewayService } from '../scim-http/scim-gateway.service';
import { ZoomSimErrorCode, ZoomSimException } from '../scim-http/zoom-sim.exception';
import { GroupsService } from './groups.service';

/** Zoom's group operations under both base paths; there is no group PUT in Zoom's API. */
@Controller(['scim2/Groups', 'v2/scim2/Groups'])
export class GroupsController {
  constructor(
    private readonly gateway: ScimGatewayService,
    private readonly groups: GroupsService,
  ) {}

  @Get()
  list(@Req() req: Request, @Res() res: Response): Promise<void> {
    return this.gateway.handle(req, res, { label: 'Medium' }, (context) => this.groups.list(context, req.query));
  }

  @Post()
  create(@Req() req: Request, @Res() res: Response): Promise<void> {
    return this.gateway.handle(req, res, { label: 'Light' }, (context) => this.groups.create(context));
  }

  @Get(':id')
  get(@Req() req: Request, @Res() res: Response, @Param('id') id: string): Promise<void> {
    return this.gateway.handle(req, res, { label: 'Light' }, (context) => this.groups.get(context, id));
  }

  @Patch(':id')
  update(@Req() req: Request, @Res() res: Response, @Param('id') id: string): Promise<void> {
    return this.gateway.handle(req, res, { label: 'Light' }, (context) => this.groups.update(context, id));
  }

  @Delete(':id')
  remove(@Req() req: Request, @Res() res: Response, @Param('id') id: string): Promise<void> {
    return this.gateway.handle(req, res, { label: 'Light' }, (context) => this.groups.remove(context, id));
  }

  // Answered (and logged) so a client that sends PUT, as Okta's custom apps do, sees a clear refusal.
  @Put(':id')
  replace(@Req() req: Request, @Res() res: Response): Promise<void> {
    return this.gateway.handle(req, res, {}, () => {
      throw new ZoomSimException(ZoomSimErrorCode.METHOD_NOT_ALLOWED, 'Method not allowed: Zoom has no group PUT; use PATCH /Groups/{id}.');
    });
  }
}
