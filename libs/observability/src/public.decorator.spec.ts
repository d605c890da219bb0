import { Controller, Get, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { APP_GUARD, Reflector } from '@nestjs/core';
import { startObservabilityTestApp, type ObservabilityTestApp } from './testing/observability-test-app';
import { IS_PUBLIC_KEY } from './public.decorator';

/** An app-level guard as services write them: deny unless the route is marked public. */
@Injectable()
class DenyUnlessPublicGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    return this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, [context.getHandler(), context.getClass()]) === true;
  }
}

@Controller('private')
class PrivateTestController {
  @Get()
  secret(): string {
    return 'secret';
  }
}

describe('@Public()', () => {
  let testApp: ObservabilityTestApp;

  beforeEach(async () => {
    testApp = await startObservabilityTestApp({
      controllers: [PrivateTestController],
      providers: [{ provide: APP_GUARD, useClass: DenyUnlessPublicGuard }],
    });
  });

  afterEach(async () => {
    await testApp.app.close();
  });

  it.each([['/health/live'], ['/health/ready'], ['/metrics']])('lets %s through an app-level auth guard', async (path) => {
    expect((await fetch(`${testApp.url}${path}`)).status).toBe(200);
  });

  it('leaves other routes to the guard', async () => {
    expect((await fetch(`${testApp.url}/private`)).status).toBe(403);
  });
});
