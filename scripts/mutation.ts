// `npm run mutation`: Stryker over the verify path (stryker.config.mjs), then a canary check
// and a summary. The canary (scripts/mutation-canary.ts) is a mutant every HMAC suite kills: a
// run where it survives is a run whose mutants never reached the tests, and its score means nothing.
//
//   npm run mutation                          the whole verify path (incremental: reuses the last report)
//   npm run mutation -- --mutate 'src/webhooks/**/*.ts'   a subset (the canary is always added)
//   PROPERTY_RUNS=1000 npm run mutation       fast-check runs per property (default here: 100)
//   npm run mutation -- --force               ignore the incremental report
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findCanary } from './mutation-canary.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const REPORT = join(root, 'reports/mutation/mutation.json');
interface Position {
  line: number;
  column: number;
}
interface Mutant {
  id: string;
  mutatorName: string;
  replacement?: string;
  status: string;
  location: { start: Position; end: Position };
  killedBy?: string[];
}
interface Report {
  files: Record<string, { source: string; mutants: Mutant[] }>;
}

const canary = findCanary(root);
const args = process.argv.slice(2);
const env: NodeJS.ProcessEnv = { ...process.env, PROPERTY_RUNS: process.env.PROPERTY_RUNS ?? '100' };
const mutateAt = args.indexOf('--mutate');
if (mutateAt !== -1 && args[mutateAt + 1] !== undefined) {
  // Stryker's own --mutate would replace the config's list, exclusions included: the config
  // reads the subset from here instead, keeps its exclusions, and the canary is added.
  env.MUTATION_SUBSET = `${args[mutateAt + 1]},${canary.file}:${canary.line}-${canary.line}`;
  args.splice(mutateAt, 2);
}
console.log(`Stryker over the verify path, PROPERTY_RUNS=${env.PROPERTY_RUNS}, canary ${canary.file}:${canary.line}`);
const started = Date.now();
const run = spawnSync('stryker', ['run', 'stryker.config.mjs', ...args], { cwd: root, env, stdio: 'inherit' });
const minutes = ((Date.now() - started) / 60_000).toFixed(1);
if (run.status !== 0) {
  console.error(`stryker exited with ${run.status ?? run.signal} after ${minutes} min`);
  process.exit(1);
}

const report = JSON.parse(readFileSync(REPORT, 'utf8')) as Report;
const counts: Record<string, number> = {};
const survivors: string[] = [];
let canaryStatus: string | undefined;
for (const [file, { source, mutants }] of Object.entries(report.files)) {
  const lines = source.split('\n');
  for (const mutant of mutants) {
    counts[mutant.status] = (counts[mutant.status] ?? 0) + 1;
    const { start, end } = mutant.location;
    if (file === canary.file && start.line === canary.line && mutant.mutatorName === 'ConditionalExpression' && mutant.replacement === 'true') {
      canaryStatus = mutant.status;
    }
    if (mutant.status === 'Survived' || mutant.status === 'NoCoverage') {
      const original =
        start.line === end.line ? lines[start.line - 1]!.slice(start.column - 1, end.column - 1) : `${lines[start.line - 1]!.slice(start.column - 1)}…`;
      survivors.push(`${file}:${start.line}:${start.column} ${mutant.status} ${mutant.mutatorName}: ${original.trim()} → ${mutant.replacement ?? ''}`);
    }
  }
}
const detected = (counts.Killed ?? 0) + (counts.Timeout ?? 0);
const valid = detected + (counts.Survived ?? 0) + (counts.NoCoverage ?? 0);
console.log(
  `\n${Object.entries(counts)
    .map(([status, n]) => `${status} ${n}`)
    .join(', ')} in ${minutes} min`,
);
console.log(`Mutation score: ${((100 * detected) / Math.max(valid, 1)).toFixed(2)}% (${detected} of ${valid} valid mutants killed or timed out)`);
if (survivors.length > 0) console.log(`\nSurvivors:\n${survivors.join('\n')}`);
if (canaryStatus !== 'Killed') {
  console.error(
    `\nThe canary mutant (if (true) at ${canary.file}:${canary.line}) is ${canaryStatus ?? 'missing'}, not Killed: the mutants did not reach the tests, so this score is void.`,
  );
  process.exit(1);
}
console.log(`\nCanary killed (${canary.file}:${canary.line}): the mutants reach the tests.`);
