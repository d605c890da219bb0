import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

type Metric = Counter | Gauge | Histogram;

/**
 * The app's one Prometheus registry. Asking twice for a metric by name returns the same instance,
 * so two modules can share one; asking with another type or other labels is a bug and throws.
 */
export class MetricsService {
  readonly registry = new Registry();
  private readonly metrics = new Map<string, { metric: Metric; labels: string }>();

  constructor(service: string) {
    this.registry.setDefaultLabels({ service });
    collectDefaultMetrics({ register: this.registry });
  }

  counter<L extends string>(name: string, help: string, labelNames: readonly L[] = []): Counter<L> {
    return this.getOrCreate(name, Counter, labelNames, () => new Counter({ name, help, labelNames, registers: [this.registry] }));
  }

  gauge<L extends string>(name: string, help: string, labelNames: readonly L[] = []): Gauge<L> {
    return this.getOrCreate(name, Gauge, labelNames, () => new Gauge({ name, help, labelNames, registers: [this.registry] }));
  }

  histogram<L extends string>(name: string, help: string, labelNames: readonly L[] = [], buckets?: number[]): Histogram<L> {
    return this.getOrCreate(
      name,
      Histogram,
      labelNames,
      () => new Histogram({ name, help, labelNames, registers: [this.registry], ...(buckets ? { buckets } : {}) }),
    );
  }

  /** The registry in Prometheus text format. */
  async render(): Promise<string> {
    return this.registry.metrics();
  }

  private getOrCreate<M extends Metric>(
    name: string,
    type: abstract new (...args: never[]) => Metric,
    labelNames: readonly string[],
    create: () => M,
  ): M {
    const labels = [...labelNames].sort().join(',');
    const existing = this.metrics.get(name);
    if (existing === undefined) {
      const metric = create();
      this.metrics.set(name, { metric, labels });
      return metric;
    }
    if (!(existing.metric instanceof type) || existing.labels !== labels) {
      throw new Error(`metric "${name}" is already registered as another type or with labels [${existing.labels}]`);
    }
    return existing.metric as M;
  }
}
