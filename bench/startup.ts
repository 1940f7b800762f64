// `npm run bench:startup`: how long the installed CLI takes to start and exit, beside bare Node
// (`node -e 0`), for `--version`, the top-level `--help` and each command's `--help` (which
// loads that command's code). Runs are interleaved row by row, round after round, so a shared
// machine's load drift hits every row alike; each row reports the median wall time and its
// ratio to bare Node in the same rounds. Runs dist/cli.js (npm run build first) with Node's
// compile cache warm (a first round is thrown away), as a user's second run sees it.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const rounds = Number(process.env.BENCH_ROUNDS ?? 15);
const cli = join(import.meta.dirname, '..', 'dist', 'cli.js');
if (!existsSync(cli)) throw new Error('dist/cli.js is missing: run npm run build first.');

const rows: Array<{ name: string; args: string[] }> = [
  { name: 'node -e 0 (bare Node)', args: ['-e', '0'] },
  { name: 'hookspec --version', args: [cli, '--version'] },
  { name: 'hookspec --help', args: [cli, '--help'] },
  ...['mock', 'trigger', 'listen', 'verify', 'sign', 'check'].map((command) => ({ name: `hookspec ${command} --help`, args: [cli, command, '--help'] })),
];

// A compile cache of this run's own, so the rows do not depend on earlier runs.
const cache = mkdtempSync(join(tmpdir(), 'hookspec-bench-startup-'));
const env = { ...process.env, NODE_COMPILE_CACHE: cache, NO_COLOR: '1' };
const timeOf = (args: string[]) => {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { env, stdio: 'ignore' });
  if (result.status !== 0) throw new Error(`${args.join(' ')} exited ${result.status}`);
  return Number(process.hrtime.bigint() - started) / 1e6;
};
const samples = rows.map(() => [] as number[]);
for (let round = -1; round < rounds; round++) {
  for (const [index, row] of rows.entries()) {
    const ms = timeOf(row.args);
    if (round >= 0) samples[index]!.push(ms);
  }
}
rmSync(cache, { recursive: true, force: true });

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
const bare = samples[0]!;
const table = rows.map((row, index) => {
  const ratio = median(samples[index]!.map((ms, round) => ms / bare[round]!));
  return [row.name, `${median(samples[index]!).toFixed(0)} ms`, index === 0 ? 'reference' : `${ratio.toFixed(2)}×`];
});
const widths = [0, 1, 2].map((column) => Math.max(...table.map((cells) => cells[column]!.length), ['case', 'median', 'vs bare Node'][column]!.length));
const line = (cells: string[]) =>
  `| ${cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join(' | ')} |`;
console.log(`CLI start-up, ${rounds} interleaved rounds, Node ${process.versions.node}, warm compile cache`);
console.log(line(['case', 'median', 'vs bare Node']));
console.log(`|:${'-'.repeat(widths[0]! + 1)}|${'-'.repeat(widths[1]! + 1)}:|${'-'.repeat(widths[2]! + 1)}:|`);
for (const cells of table) console.log(line(cells));
