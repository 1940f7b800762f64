/** Formats benchmark results as one plain-text table. */
import type { BenchResult } from './measure.ts';

function formatOps(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

function pad(text: string, width: number, right = false): string {
  return right ? text.padStart(width) : text.padEnd(width);
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/**
 * Median over rounds of (this row's ops/s ÷ the reference's ops/s in the same round): rounds are
 * interleaved, so pairing them cancels most of the drift of a shared machine.
 */
export function ratioToReference(result: BenchResult, reference: BenchResult): number {
  return median(result.samples.map((sample, i) => sample / (reference.samples[i] ?? Number.NaN)));
}

/** Renders the rows, grouped, with ops/s and the ratio to each row's reference. */
export function renderTable(results: readonly BenchResult[]): string {
  const byName = new Map(results.map((r) => [r.bench.name, r]));
  const rows = results.map((r) => {
    const reference = r.bench.reference === undefined ? undefined : byName.get(r.bench.reference);
    const ratio = reference === undefined ? 'limit' : `${ratioToReference(r, reference).toFixed(2)}×`;
    const spread = Math.max(...r.samples) / Math.min(...r.samples);
    return { group: r.bench.group, cells: [r.bench.name, formatOps(r.opsPerSecond), ratio, `±${((spread - 1) * 50).toFixed(0)}%`, r.bench.note] };
  });
  const headers = ['case', 'ops/s', 'vs limit', 'spread', 'note'];
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((row) => (row.cells[i] ?? '').length)));
  const line = (cells: readonly string[]): string => `| ${cells.map((c, i) => pad(c, widths[i] ?? 0, i === 1 || i === 2 || i === 3)).join(' | ')} |`;
  const out = [line(headers), `|${widths.map((w, i) => (i === 1 || i === 2 || i === 3 ? `${'-'.repeat(w + 1)}:` : `:${'-'.repeat(w + 1)}`)).join('|')}|`];
  let group = '';
  for (const row of rows) {
    if (row.group !== group) {
      group = row.group;
      out.push(line([`**${group}**`, '', '', '', '']));
    }
    out.push(line(row.cells));
  }
  return out.join('\n');
}
