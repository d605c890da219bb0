import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import type { Histogram } from 'prom-client';
import { MetricsService } from './metrics.service';

export const UNMATCHED_ROUTE = 'unmatched';

/** Records `http_request_duration_seconds` for every request, including ones guards reject. */
@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  private readonly duration: Histogram<'method' | 'route' | 'status'>;

  constructor(metrics: MetricsService) {
    this.duration = metrics.histogram('http_request_duration_seconds', 'Time to answer an HTTP request, by route pattern', [
      'method',
      'route',
      'status',
    ]);
  }

  use(req: Request, res: Response, next: NextFunction): void {
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      this.duration.observe({ method: req.method, route: routePattern(req), status: String(res.statusCode) }, seconds);
    });
    next();
  }
}

interface ExpressRoute {
  path?: unknown;
  methods?: Record<string, boolean>;
}

// The pattern (`/scim/v2/Users/:id`), never the raw URL: one label value per route keeps cardinality bounded.
// Nest mounts middleware as a route answering every method (ours is `/{*path}`) and each controller
// method as a route answering one, so only the latter names what matched; `@All()` handlers count as unmatched.
function routePattern(req: Request): string {
  const route = (req as { route?: ExpressRoute }).route;
  const methods = Object.keys(route?.methods ?? {});
  if (typeof route?.path !== 'string' || methods.length !== 1 || methods[0] === '_all') {
    return UNMATCHED_ROUTE;
  }
  return `${req.baseUrl}${route.path}`;
}
