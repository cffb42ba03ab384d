/** Small measuring tools for the benches: timings with percentiles, memory, sizes. */

/** Percentile (0..100) of a list of numbers, by nearest rank; NaN for an empty list. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export interface Latency {
  runs: number;
  p50: number;
  p99: number;
  max: number;
}

/** Runs `work` `runs` times (after `warmup` unmeasured runs) and gives the latency in ms. */
export async function latency(runs: number, work: (i: number) => unknown, warmup = 2): Promise<Latency> {
  for (let i = 0; i < warmup; i++) await work(i);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await work(i);
    times.push(performance.now() - started);
  }
  return { runs, p50: percentile(times, 50), p99: percentile(times, 99), max: Math.max(...times) };
}

/** Milliseconds taken by `work`, and its result. */
export async function timed<T>(work: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await work();
  return { ms: performance.now() - started, value };
}

/** Heap in use after a collection when the process runs with --expose-gc, else as it stands (MB). */
export function heapMb(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed / 1e6;
}

export function rssMb(): number {
  return process.memoryUsage().rss / 1e6;
}
