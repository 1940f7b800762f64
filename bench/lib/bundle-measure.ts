/** Bundles a snippet with esbuild (minified) and measures it: bytes, min+gzip bytes, heaviest inputs. */
import { gzipSync } from 'node:zlib';
import { build, type Metafile } from 'esbuild';

export interface BundleCase {
  /** Row label. */
  name: string;
  /** The entry module's source (resolved from `resolveDir`). */
  code: string;
  /** Packages left out of the bundle (the caller already has them). */
  external?: readonly string[];
  /** `browser` bundles with the browser/worker conditions (what an edge or browser build gets). */
  platform?: 'browser' | 'node' | 'neutral';
  /** Largest allowed min+gzip size without the `external` packages, in bytes; undefined: measured for comparison only. */
  budget?: number;
  /** Largest allowed min+gzip size with every dependency bundled, in bytes. */
  budgetWithDependencies?: number;
}

/** One table row: the bundle with its `external` packages left out (if any), and with everything. */
export interface SizeRow {
  case: BundleCase;
  own?: BundleMeasure;
  all: BundleMeasure;
}

export interface BundleMeasure {
  case: BundleCase;
  minBytes: number;
  gzipBytes: number;
  /** Input files by bytes they contribute to the output, largest first. */
  inputs: Array<{ path: string; bytes: number }>;
}

export async function measureBundle(bundleCase: BundleCase, resolveDir: string): Promise<BundleMeasure> {
  const platform = bundleCase.platform ?? 'browser';
  const result = await build({
    stdin: { contents: bundleCase.code, resolveDir, loader: 'ts', sourcefile: 'entry.ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform,
    target: 'es2022',
    // The worker condition first: what Cloudflare Workers / edge bundlers pick, then browser.
    conditions: platform === 'browser' ? ['worker', 'browser'] : [],
    external: [...(bundleCase.external ?? [])],
    write: false,
    metafile: true,
    logLevel: 'silent',
    legalComments: 'none',
  });
  const output = result.outputFiles[0]!.contents;
  return {
    case: bundleCase,
    minBytes: output.byteLength,
    gzipBytes: gzipSync(output, { level: 9 }).byteLength,
    inputs: heaviestInputs(result.metafile),
  };
}

function heaviestInputs(metafile: Metafile): Array<{ path: string; bytes: number }> {
  const output = Object.values(metafile.outputs)[0];
  return Object.entries(output?.inputs ?? {})
    .map(([path, { bytesInOutput }]) => ({ path, bytes: bytesInOutput }))
    .filter(({ bytes }) => bytes > 0)
    .sort((a, b) => b.bytes - a.bytes);
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(2)} KiB`;

const verdict = (bytes: number | undefined, budget: number | undefined) =>
  budget === undefined || bytes === undefined ? '' : ` / ${kib(budget)}: ${bytes <= budget ? 'ok' : 'OVER'}`;

/**
 * One plain-text table: name, then min+gzip with dependencies excluded (hookspec's own share)
 * and included (what an app ships), each with its budget and verdict when it has one.
 */
export function renderSizeTable(rows: readonly SizeRow[]): string {
  const cells = rows.map((row) => [
    row.case.name,
    row.own ? `${row.own.gzipBytes.toLocaleString('en-US')} B${verdict(row.own.gzipBytes, row.case.budget)}` : '—',
    `${row.all.gzipBytes.toLocaleString('en-US')} B (${kib(row.all.gzipBytes)})${verdict(row.all.gzipBytes, row.case.budgetWithDependencies)}`,
    row.all.minBytes.toLocaleString('en-US'),
  ]);
  const headers = ['bundle', 'min+gzip, dependencies excluded', 'min+gzip, dependencies included', 'bytes min, included'];
  const widths = headers.map((header, i) => Math.max(header.length, ...cells.map((row) => row[i]!.length)));
  const right = new Set([1, 2, 3]);
  const line = (row: readonly string[]) => `| ${row.map((cell, i) => (right.has(i) ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join(' | ')} |`;
  const rule = `|${widths.map((width, i) => (right.has(i) ? `${'-'.repeat(width + 1)}:` : `:${'-'.repeat(width + 1)}`)).join('|')}|`;
  return [line(headers), rule, ...cells.map(line)].join('\n');
}
