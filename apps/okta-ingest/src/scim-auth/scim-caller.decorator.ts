import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { AuthenticatedRequest, ScimCaller } from './scim-auth.guard';

export const Caller = createParamDecorator((_: unknown, context: ExecutionContext): ScimCaller => {
  const caller = context.switchToHttp().getRequest<AuthenticatedRequest>().scimCaller;
  if (caller === undefined) {
    throw new Error('Caller used on a route without ScimAuthGuard');
  }
  return caller;
});
