import { Module, RequestMethod, type DynamicModule, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { CorrelationMiddleware } from './context/correlation.middleware';
import { HealthController } from './health/health.controller';
import { HealthRegistry } from './health/health.registry';
import { BridgeLogger, createLogger } from './logging/bridge.logger';
import { HttpMetricsMiddleware } from './metrics/http-metrics.middleware';
import { MetricsController } from './metrics/metrics.controller';
import { MetricsService } from './metrics/metrics.service';

export interface ObservabilityOptions {
  service: string;
  /** Usually `createLogger(service, loggerOptionsFromEnv(env))`, made before Nest so start-up lines are JSON too. */
  logger?: BridgeLogger;
}

/** Logs, metrics, health probes and correlation ids for one service; import once, in the root module. */
@Module({})
export class ObservabilityModule implements NestModule {
  static forRoot(options: ObservabilityOptions): DynamicModule {
    return {
      module: ObservabilityModule,
      global: true,
      controllers: [HealthController, MetricsController],
      providers: [
        { provide: BridgeLogger, useValue: options.logger ?? createLogger(options.service) },
        { provide: MetricsService, useFactory: () => new MetricsService(options.service) },
        HealthRegistry,
      ],
      exports: [BridgeLogger, HealthRegistry, MetricsService],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(CorrelationMiddleware, HttpMetricsMiddleware).forRoutes({ path: '{*path}', method: RequestMethod.ALL });
  }
}
