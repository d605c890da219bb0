import { Counter } from 'prom-client';
import { MetricsService } from './metrics.service';

describe('MetricsService', () => {
  it('gives two modules asking for one name the same metric', () => {
    const metrics = new MetricsService('mapping');

    const first = metrics.counter('mapping_decisions_total', 'decisions', ['tenant', 'outcome']);
    const second = metrics.counter('mapping_decisions_total', 'decisions', ['outcome', 'tenant']);

    expect(second).toBe(first);
    expect(first).toBeInstanceOf(Counter);
  });

  it.each([
    ['another type', (metrics: MetricsService) => metrics.gauge('jobs', 'jobs', ['tenant'])],
    ['other labels', (metrics: MetricsService) => metrics.counter('jobs', 'jobs', ['topic'])],
  ])('refuses a metric already registered under the name with %s', (_case, register) => {
    const metrics = new MetricsService('mapping');
    metrics.counter('jobs', 'jobs', ['tenant']);

    expect(() => register(metrics)).toThrow('metric "jobs" is already registered');
  });

  it('labels every metric with the service and collects process metrics', async () => {
    const metrics = new MetricsService('audit');
    metrics.gauge('queue_depth', 'depth').set(3);
    metrics.histogram('zoom_call_seconds', 'latency', ['status'], [0.1, 1]).observe({ status: '200' }, 0.5);

    const text = await metrics.render();

    expect(text).toContain('queue_depth{service="audit"} 3');
    expect(text).toContain('zoom_call_seconds_bucket{le="1",service="audit",status="200"} 1');
    expect(text).toContain('process_cpu_user_seconds_total{service="audit"}');
  });

  it('keeps the metrics of two apps in one process apart', async () => {
    const first = new MetricsService('a');
    const second = new MetricsService('b');
    first.counter('things_total', 'things').inc();

    expect(await second.render()).not.toContain('things_total');
  });
});
