import { Controller, Delete, Get, Param, Patch, Post, Put, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ScimGatewayService } from '../scim-http/scim-gateway.service';
import { UsersService } from './users.service';

/** Zoom's user operations, under both base paths Zoom documents. Single-user calls are Light, the list Medium. */
@Controller(['scim2/Users', 'v2/scim2/Users'])
export class UsersController {
  constructor(
    private readonly gateway: ScimGatewayService,
    private readonly users: UsersService,
  ) {}

  @Get()
  list(@Req() req: Request, @Res() res: Response): Promise<void> {
    return this.gateway.handle(req, res, { label: 'Medium' }, (context) => this.users.list(context, req.query));
  }

  @Post()
  create(@Req() req: Request, @Res() res: Response): Promise<void> {
    const userName = (req.body as { userName?: unknown } | undefined)?.userName;
    const writeKey = typeof userName === 'string' ? `userName:${userName.trim().toLowerCase()}` : undefined;
    return this.gateway.handle(req, res, { label: 'Light', writeKey }, (context) => this.users.create(context));
  }

  @Get(':id')
  get(@Req() req: Request, @Res() res: Response, @Param('id') id: string): Promise<void> {
    return this.gateway.handle(req, res, { label: 'Light' }, (context) => this.users.get(context, id));
  }

  @Put(':id')
  update(@Req() req: Request, @Res() res: Response, @Param('id') id: string): Promise<void> {
    return this.gateway.handle(req, res, { label: 'Light', writeKey: `id:${id}` }, (context) => this.users.update(context, id));
  }

  @Patch(':id')
  setActive(@Req() req: Request, @Res() res: Response, @Param('id') id: string): Promise<void> {
    return this.gateway.handle(req, res, { label: 'Light', writeKey: `id:${id}` }, (context) => this.users.setActive(context, id));
  }

  @Delete(':id')
  remove(@Req() req: Request, @Res() res: Response, @Param('id') id: string): Promise<void> {
    return this.gateway.handle(req, res, { label: 'Light', writeKey: `id:${id}` }, (context) => this.users.remove(context, id));
  }
}
