import { Injectable, Module } from '@nestjs/common';
import { HealthRegistry } from './health/health.registry';
import { BridgeLogger } from './logging/bridge.logger';
import { MetricsService } from './metrics/metrics.service';
import { startObservabilityTestApp, type ObservabilityTestApp } from './testing/observability-test-app';

@Injectable()
class FeatureTestService {
  constructor(
    readonly logger: BridgeLogger,
    readonly health: HealthRegistry,
    readonly metrics: MetricsService,
  ) {}
}

/** A feature module that imports nothing: what it injects must come from the global module. */
@Module({ providers: [FeatureTestService] })
class FeatureTestModule {}

describe('ObservabilityModule', () => {
  let testApp: ObservabilityTestApp;

  afterEach(async () => {
    await testApp.app.close();
  });

  it('writes Nest’s own start-up lines as JSON through the bridge logger', async () => {
    testApp = await startObservabilityTestApp();

    expect(testApp.logs).toContainEqual(
      expect.objectContaining({ level: 'info', service: 'test-service', context: 'RouterExplorer', msg: 'Mapped {/health/ready, GET} route' }),
    );
  });

  it('gives every module the one logger, health registry and metrics registry of the app', async () => {
    testApp = await startObservabilityTestApp({ imports: [FeatureTestModule] });

    const feature = testApp.app.get(FeatureTestService);

    expect(feature.logger).toBe(testApp.logger);
    expect(feature.health).toBe(testApp.app.get(HealthRegistry));
    expect(feature.metrics).toBe(testApp.app.get(MetricsService));
  });
});
