export interface Percentiles {
  runs: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function percentiles(samples: number[]): Percentiles {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (share: number): number => Number(sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))].toFixed(2));
  return { runs: sorted.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: at(1) };
}

export async function timeRuns(runs: number, run: (index: number) => Promise<unknown>): Promise<Percentiles> {
  const samples: number[] = [];
  for (let index = 0; index < runs; index += 1) {
    const began = process.hrtime.bigint();
    await run(index);
    samples.push(Number(process.hrtime.bigint() - began) / 1e6);
  }
  return percentiles(samples);
}
