import http from 'node:http';

export interface BenchAnswer {
  status: number;
  body: string;
}

/** A keep-alive HTTP client with as many sockets as the benchmark has connections. */
export class BenchHttp {
  private readonly agent: http.Agent;
  private readonly url: URL;

  constructor(
    baseUrl: string,
    private readonly token: string,
    connections: number,
  ) {
    this.url = new URL(baseUrl);
    this.agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  }

  request(method: string, path: string, body?: unknown): Promise<BenchAnswer> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const request = http.request(
        {
          agent: this.agent,
          host: this.url.hostname,
          port: this.url.port,
          method,
          path: `${this.url.pathname}${path}`,
          headers: {
            authorization: `Bearer ${this.token}`,
            accept: 'application/scim+json',
            'user-agent': 'Okta SCIM Client 1.0.0',
            ...(payload === undefined ? {} : { 'content-type': 'application/scim+json; charset=utf-8', 'content-length': Buffer.byteLength(payload) }),
          },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
          response.on('error', reject);
        },
      );
      request.on('error', reject);
      request.end(payload);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

/** Latencies of one request kind, in milliseconds. */
export class LatencyRecorder {
  private readonly samples = new Map<string, number[]>();
  private readonly errors = new Map<string, number>();
  /** Latencies by the second (since the recorder was made) in which the answer came. */
  private readonly seconds: number[][] = [];
  private readonly startedAt = performance.now();
  readonly errorExamples: string[] = [];

  record(kind: string, milliseconds: number, ok: boolean, detail: string): void {
    const list = this.samples.get(kind) ?? [];
    list.push(milliseconds);
    this.samples.set(kind, list);
    const second = Math.floor((performance.now() - this.startedAt) / 1000);
    (this.seconds[second] ??= []).push(milliseconds);
    if (!ok) {
      this.errors.set(kind, (this.errors.get(kind) ?? 0) + 1);
      if (this.errorExamples.length < 10) {
        this.errorExamples.push(`${kind}: ${detail.slice(0, 300)}`);
      }
    }
  }

  summary(): Record<string, { count: number; errors: number; p50: number; p95: number; p99: number; max: number }> {
    return Object.fromEntries(
      [...this.samples].map(([kind, list]) => [kind, { count: list.length, errors: this.errors.get(kind) ?? 0, ...percentiles(list) }]),
    );
  }

  /** Each second's answers, p99 and slowest: a tail that comes from a few seconds shows here. */
  perSecond(): { count: number; p99: number; max: number }[] {
    return Array.from(this.seconds, (list = []) => {
      const { p99, max } = percentiles(list);
      return { count: list.length, p99, max };
    });
  }

  totals(): { count: number; errors: number; p50: number; p95: number; p99: number; max: number } {
    const all = [...this.samples.values()].flat();
    return { count: all.length, errors: [...this.errors.values()].reduce((sum, value) => sum + value, 0), ...percentiles(all) };
  }
}

export function percentiles(list: number[]): { p50: number; p95: number; p99: number; max: number } {
  const sorted = [...list].sort((a, b) => a - b);
  const at = (q: number): number => round(sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0);
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), max: round(sorted[sorted.length - 1] ?? 0) };
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

export async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = process.hrtime.bigint();
  const result = await work();
  return [result, Number(process.hrtime.bigint() - started) / 1e6];
}
