/**
 * Runs the BUILT `hookspec` binary (`dist/cli.js`). `ensureBuilt()` runs the build when dist is
 * missing or older than the sources, at most once per vitest run: test files run in parallel
 * and a rebuild (which cleans dist/) must not pull files from under a running one. Concurrent
 * files wait on a lock directory.
 */
import { execFile, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmdirSync, type Stats, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { isMainThread } from 'node:worker_threads';
import { spawnGroup } from '../support/process-group.ts';

export const root = fileURLToPath(new URL('../..', import.meta.url));
export const cliPath = join(root, 'dist', 'cli.js');
const CACHE = join(root, 'node_modules', '.cache');
const LOCK = join(CACHE, 'hookspec-build.lock');
/** Which vitest run checked dist last (the run's main process: the parent of a forked worker, or this process for threads). */
const RUN_MARKER = join(CACHE, 'hookspec-build-run.txt');
const runKey = String(isMainThread ? process.ppid : process.pid);
const INPUTS = ['src', 'mocks', 'generated', 'tsdown.config.ts', 'package.json', 'tsconfig.json'];

function newestMtime(path: string): number {
  let stat: Stats;
  try {
    stat = statSync(path);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

const isFresh = () => {
  const built = newestMtime(cliPath);
  return built > 0 && built >= Math.max(...INPUTS.map((input) => newestMtime(join(root, input))));
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Builds dist/ with tsdown unless it is up to date. */
export async function ensureBuilt(): Promise<void> {
  const checkedThisRun = () => {
    try {
      return readFileSync(RUN_MARKER, 'utf8') === runKey && statSync(cliPath, { throwIfNoEntry: false }) !== undefined;
    } catch {
      return false;
    }
  };
  if (checkedThisRun()) return;
  mkdirSync(CACHE, { recursive: true });
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      // A lock older than two minutes belongs to a build that died.
      if (Date.now() - (statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs ?? Date.now()) > 120_000) rmdirSync(LOCK, { recursive: false });
      if (Date.now() > deadline) throw new Error('Timed out waiting for another build of dist/.');
      await sleep(200);
    }
  }
  try {
    if (checkedThisRun()) return;
    if (!isFresh()) {
      await promisify(execFile)(process.execPath, [join(root, 'node_modules', 'tsdown', 'dist', 'run.mjs')], {
        cwd: root,
        maxBuffer: 16 * 1024 * 1024,
      });
      // The rest of `npm run build`: the mock inspector's page script and API references, the JSON Schema of x-hookspec-delivery.
      await promisify(execFile)(process.execPath, [join(root, 'scripts', 'build-inspector.ts')], { cwd: root, maxBuffer: 16 * 1024 * 1024 });
      await promisify(execFile)(process.execPath, [join(root, 'scripts', 'build-delivery-schema.ts')], { cwd: root });
    }
    writeFileSync(RUN_MARKER, runKey);
  } finally {
    rmdirSync(LOCK);
  }
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Environment of every run: no colours, no inherited secrets. */
function cliEnv(env: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const base = { ...process.env };
  delete base.HOOKSPEC_SECRET;
  delete base.HOOKSPEC_KEY;
  delete base.FORCE_COLOR;
  return { ...base, NO_COLOR: '1', ...env };
}

/** Runs `node dist/cli.js …args` to completion (`entry` in place of `dist/cli.js`); `input` is written to stdin. */
export function runCli(
  args: readonly string[],
  options: { input?: string | Buffer; env?: NodeJS.ProcessEnv; timeoutMs?: number; entry?: readonly string[] } = {},
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...(options.entry ?? [cliPath]), ...args], { cwd: root, env: cliEnv(options.env) });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 20_000);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(options.input ?? '');
  });
}

/** A long-running command (`listen`, `mock`) and the lines it printed so far. */
export interface RunningCli {
  readonly child: ChildProcessWithoutNullStreams;
  readonly lines: string[];
  /** The first stdout line, parsed as JSON (both commands print their address first with --json). */
  readonly ready: Promise<Record<string, unknown>>;
  /** Resolves with the first line (after those already seen) that matches. */
  waitForLine(match: (line: string) => boolean, timeoutMs?: number): Promise<string>;
  /** Sends a signal and waits for the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  stderr(): string;
}

export function startCli(args: readonly string[], options: { env?: NodeJS.ProcessEnv; entry?: readonly string[] } = {}): RunningCli {
  // A process group of its own, killed when the test worker exits: a test that fails before
  // stop() does not leave `listen`/`mock` running.
  const child = spawnGroup(process.execPath, [...(options.entry ?? [cliPath]), ...args], {
    cwd: root,
    env: cliEnv(options.env),
  }) as ChildProcessWithoutNullStreams;
  const lines: string[] = [];
  const waiters: Array<{ match: (line: string) => boolean; resolve: (line: string) => void }> = [];
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  createInterface({ input: child.stdout }).on('line', (line) => {
    lines.push(line);
    for (const waiter of [...waiters]) {
      if (waiter.match(line)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(line);
      }
    }
  });
  const waitForLine = (match: (line: string) => boolean, timeoutMs = 15_000) =>
    new Promise<string>((resolve, reject) => {
      const seen = lines.find(match);
      if (seen !== undefined) return resolve(seen);
      const timer = setTimeout(() => reject(new Error(`No matching line within ${timeoutMs} ms. stdout:\n${lines.join('\n')}\nstderr:\n${stderr}`)), timeoutMs);
      waiters.push({
        match,
        resolve: (line) => {
          clearTimeout(timer);
          resolve(line);
        },
      });
      void exited.then((code) => reject(new Error(`hookspec exited (${code}) before printing the line.\nstdout:\n${lines.join('\n')}\nstderr:\n${stderr}`)));
    });
  let ready: Promise<Record<string, unknown>> | undefined;
  return {
    child,
    lines,
    get ready() {
      ready ??= waitForLine(() => true).then((line) => JSON.parse(line) as Record<string, unknown>);
      return ready;
    },
    waitForLine,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
    stderr: () => stderr,
  };
}

/** Parses each stdout line as JSON. */
export const jsonLines = (stdout: string) =>
  stdout
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
