import { Controller, Get, NotFoundException, Param } from '@nestjs/common';
import { startObservabilityTestApp, type ObservabilityTestApp } from '../testing/observability-test-app';
import { MetricsService } from './metrics.service';

@Controller('scim/v2/Users')
class UsersTestController {
  @Get(':id')
  find(@Param('id') id: string): { id: string } {
    if (id === 'missing') {
      throw new NotFoundException();
    }
    return { id };
  }
}

describe('metrics endpoint', () => {
  let testApp: ObservabilityTestApp;

  beforeEach(async () => {
    testApp = await startObservabilityTestApp({ controllers: [UsersTestController] });
  });

  afterEach(async () => {
    await testApp.app.close();
  });

  async function scrape(): Promise<string> {
    return (await fetch(`${testApp.url}/metrics`)).text();
  }

  it('serves the registry in the Prometheus text format', async () => {
    testApp.app.get(MetricsService).counter('outbox_published_total', 'published', ['topic']).inc({ topic: 'scim.user.changed.v1' });

    const response = await fetch(`${testApp.url}/metrics`);

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain;.*version=0\.0\.4/);
    const text = await response.text();
    expect(text).toContain('# TYPE outbox_published_total counter');
    expect(text).toContain('outbox_published_total{topic="scim.user.changed.v1",service="test-service"} 1');
    expect(text).toContain('nodejs_heap_size_used_bytes{service="test-service"}');
  });

  it('times requests by route pattern, not by raw URL', async () => {
    await fetch(`${testApp.url}/scim/v2/Users/u-1`);
    await fetch(`${testApp.url}/scim/v2/Users/u-2`);
    await fetch(`${testApp.url}/scim/v2/Users/missing`);

    const text = await scrape();

    expect(text).toContain('# TYPE http_request_duration_seconds histogram');
    expect(text).toContain(
      'http_request_duration_seconds_count{service="test-service",method="GET",route="/scim/v2/Users/:id",status="200"} 2',
    );
    expect(text).toContain(
      'http_request_duration_seconds_count{service="test-service",method="GET",route="/scim/v2/Users/:id",status="404"} 1',
    );
    expect(text).not.toContain('u-1');
  });

  it('counts requests no route matched as unmatched', async () => {
    await fetch(`${testApp.url}/wp-admin/setup.php`);
    await fetch(`${testApp.url}/`, { method: 'POST' });

    const text = await scrape();

    expect(text).toContain('http_request_duration_seconds_count{service="test-service",method="GET",route="unmatched",status="404"} 1');
    expect(text).toContain('http_request_duration_seconds_count{service="test-service",method="POST",route="unmatched",status="404"} 1');
    expect(text).not.toContain('wp-admin');
  });
});
