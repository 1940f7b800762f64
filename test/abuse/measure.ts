/** Helpers of the abuse suite: a real garbage collection before reading the heap, and latency percentiles. */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/**
 * Heap in use after full collections, in MB. Between collections the event loop turns, so
 * FinalizationRegistry callbacks run (undici frees a cloned request's body stream in one):
 * without that, memory that is already garbage still counts.
 */
export async function heapMb(): Promise<number> {
  // Until a collection frees less than 0.25 MB more: on a loaded machine finalizers run late.
  let previous = Number.POSITIVE_INFINITY;
  for (let round = 0; round < 10; round += 1) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 20));
    gc();
    const current = process.memoryUsage().heapUsed / 1024 / 1024;
    if (round >= 2 && previous - current < 0.25) return current;
    previous = current;
  }
  return previous;
}

/** The p-th percentile (0-100) of the samples. */
export function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Milliseconds a call takes, with its result. */
export async function timed<T>(call: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await call();
  return { ms: performance.now() - started, value };
}
