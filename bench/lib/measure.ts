/**
 * A dependency-free timing loop: warm-up, then several interleaved rounds per case, reporting
 * the median ops/s. Interleaving the rounds spreads CPU frequency and GC drift over all cases.
 */

/** One benchmark row. */
export interface BenchCase {
  /** Row label. */
  readonly name: string;
  /** Section of the table the row belongs to. */
  readonly group: string;
  /** Name of the row this one is compared with (the "limit"); omit for the limit itself. */
  readonly reference?: string;
  /** Short explanation printed in the table. */
  readonly note: string;
  /** The operation; must return a truthy value (or resolve to one) when it succeeds. */
  readonly run: () => unknown;
}

/** Timing settings. */
export interface MeasureOptions {
  readonly warmupMs: number;
  readonly roundMs: number;
  readonly rounds: number;
}

/** Result for one case. */
export interface BenchResult {
  readonly bench: BenchCase;
  readonly opsPerSecond: number;
  /** Every round's ops/s, for the spread. */
  readonly samples: readonly number[];
}

let sink: unknown;

/** Runs the operation once and fails loudly if it does not succeed (so no row measures an error path). */
export async function checkCase(bench: BenchCase): Promise<void> {
  const result = await bench.run();
  if (!result) throw new Error(`Benchmark case "${bench.name}" did not succeed (returned ${String(result)}).`);
}

async function timeFor(bench: BenchCase, ms: number): Promise<number> {
  const first = bench.run();
  const isAsync = first instanceof Promise;
  if (isAsync) await first;
  let ops = 0;
  const start = performance.now();
  let elapsed = 0;
  do {
    if (isAsync) {
      for (let i = 0; i < 16; i++) sink = await bench.run();
      ops += 16;
    } else {
      for (let i = 0; i < 64; i++) sink = bench.run();
      ops += 64;
    }
    elapsed = performance.now() - start;
  } while (elapsed < ms);
  return (ops * 1000) / elapsed;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** Measures every case: a warm-up each, then `rounds` interleaved rounds; returns medians in input order. */
export async function measureAll(cases: readonly BenchCase[], options: MeasureOptions): Promise<BenchResult[]> {
  for (const bench of cases) {
    await checkCase(bench);
    await timeFor(bench, options.warmupMs);
  }
  const samples = cases.map((): number[] => []);
  for (let round = 0; round < options.rounds; round++) {
    for (let i = 0; i < cases.length; i++) {
      samples[i]?.push(await timeFor(cases[i] as BenchCase, options.roundMs));
    }
  }
  if (sink === Symbol.for('never')) console.log(sink);
  return cases.map((bench, i) => ({ bench, opsPerSecond: median(samples[i] ?? []), samples: samples[i] ?? [] }));
}
