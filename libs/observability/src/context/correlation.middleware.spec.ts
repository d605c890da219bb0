import { Controller, Get, Injectable, type CanActivate } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { BridgeLogger } from '../logging/bridge.logger';
import { startObservabilityTestApp, type ObservabilityTestApp } from '../testing/observability-test-app';
import { currentContext, setContextField } from './bridge.context';
import { correlationIdFrom } from './correlation.middleware';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Stands in for an app's auth guard, which names the tenant once the caller is known. */
@Injectable()
class TenantTestGuard implements CanActivate {
  canActivate(): boolean {
    setContextField('tenantId', 'acme');
    return true;
  }
}

@Controller('whoami')
class WhoAmITestController {
  constructor(private readonly logger: BridgeLogger) {}

  @Get()
  async whoAmI(): Promise<unknown> {
    await new Promise((resolve) => setTimeout(resolve, 1));
    this.logger.info('answered whoami');
    return currentContext();
  }
}

describe('correlation ids', () => {
  let testApp: ObservabilityTestApp;

  beforeEach(async () => {
    testApp = await startObservabilityTestApp({
      controllers: [WhoAmITestController],
      providers: [{ provide: APP_GUARD, useClass: TenantTestGuard }],
    });
  });

  afterEach(async () => {
    await testApp.app.close();
  });

  it('echoes the caller’s correlation id and uses it for the request', async () => {
    const response = await fetch(`${testApp.url}/whoami`, { headers: { 'X-Correlation-Id': 'okta-req.42:a_b-c' } });

    expect(response.headers.get('x-correlation-id')).toBe('okta-req.42:a_b-c');
    expect(await response.json()).toEqual({ correlationId: 'okta-req.42:a_b-c', tenantId: 'acme' });
  });

  it('generates a UUID when the caller sends none', async () => {
    const response = await fetch(`${testApp.url}/whoami`);

    const correlationId = response.headers.get('x-correlation-id');
    expect(correlationId).toMatch(UUID);
    expect(await response.json()).toEqual({ correlationId, tenantId: 'acme' });
  });

  it('puts the correlation id and the tenant the guard found on the request’s log lines', async () => {
    await fetch(`${testApp.url}/whoami`, { headers: { 'X-Correlation-Id': 'corr-7' } });

    expect(testApp.logs).toContainEqual(
      expect.objectContaining({ msg: 'answered whoami', service: 'test-service', tenantId: 'acme', correlationId: 'corr-7' }),
    );
  });

  it('gives unmatched routes a correlation id too', async () => {
    const response = await fetch(`${testApp.url}/nowhere`);

    expect(response.status).toBe(404);
    expect(response.headers.get('x-correlation-id')).toMatch(UUID);
  });
});

describe('correlationIdFrom', () => {
  it.each([
    ['a plain id', 'abc-123', 'abc-123'],
    ['dots, colons and underscores', 'okta.req:1_2', 'okta.req:1_2'],
    ['exactly 128 characters', 'a'.repeat(128), 'a'.repeat(128)],
  ])('keeps %s', (_case, header, expected) => {
    expect(correlationIdFrom(header)).toBe(expected);
  });

  it.each([
    ['no header', undefined],
    ['an empty header', ''],
    ['129 characters', 'a'.repeat(129)],
    ['spaces', 'a b'],
    ['a header injection attempt', 'abc\r\nSet-Cookie: x=1'],
    ['markup', '<script>'],
    ['a repeated header', ['a', 'b']],
  ])('replaces %s with a new UUID', (_case, header) => {
    expect(correlationIdFrom(header)).toMatch(UUID);
  });
});
