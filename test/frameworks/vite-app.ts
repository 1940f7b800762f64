/**
 * The Vite + React example (examples/frameworks/vite-react) as a user builds it: copied into a
 * scratch project outside the repository, with the packed hookspec tarball, vite and react
 * installed there (not in this repository), MSW's worker written by `npx msw init`.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify, stripVTControlCharacters } from 'node:util';
import { root } from '../cli/helpers.ts';

const run = promisify(execFile);
const exampleDir = join(root, 'examples', 'frameworks', 'vite-react');

/**
 * npm with the Node this repository runs on (vite 8 needs Node ≥ 20.19; the machine's may be
 * older), and without vitest's NODE_ENV=test, which would make `vite build` a development build.
 */
const { NODE_ENV: _testEnv, ...inherited } = process.env;
const npmEnv = { ...inherited, PATH: `${join(root, 'node_modules', '.bin')}:${process.env.PATH}` };

export async function packAndInstallApp(): Promise<string> {
  const scratch = mkdtempSync(join(tmpdir(), 'hookspec-vite-'));
  const { stdout } = await run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', scratch], {
    cwd: root,
    maxBuffer: 16 * 1024 * 1024,
    env: npmEnv,
  });
  const tarball = (JSON.parse(stdout) as Array<{ filename: string }>)[0]!.filename;
  const app = join(scratch, 'app');
  cpSync(exampleDir, app, { recursive: true, filter: (path) => !/[\\/](node_modules|dist)([\\/]|$)/.test(path) });
  const manifest = JSON.parse(readFileSync(join(app, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  manifest.dependencies.hookspec = `file:../${tarball}`;
  writeFileSync(join(app, 'package.json'), JSON.stringify(manifest, null, 2));
  await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], {
    cwd: app,
    env: npmEnv,
    timeout: 240_000,
    maxBuffer: 16 * 1024 * 1024,
  });
  // As MSW's docs say: write the worker script into the folder the app serves as is.
  await run('npx', ['msw', 'init', 'public', '--save'], { cwd: app, env: npmEnv, timeout: 60_000 });
  return app;
}

/** Runs a script of the app's package.json to completion. */
export function runScript(app: string, args: readonly string[], env: Record<string, string> = {}) {
  return run('npm', ['run', ...args], { cwd: app, env: { ...npmEnv, ...env }, timeout: 240_000, maxBuffer: 16 * 1024 * 1024 });
}

/** `vite build` alone (no type check), with extra environment such as VITE_MOCK=1. */
export function viteBuild(app: string, env: Record<string, string> = {}) {
  return run(process.execPath, [join(app, 'node_modules', 'vite', 'bin', 'vite.js'), 'build'], {
    cwd: app,
    env: { ...npmEnv, ...env },
    timeout: 240_000,
    maxBuffer: 16 * 1024 * 1024,
  });
}

export interface RunningVite {
  readonly origin: string;
  stop(): Promise<void>;
}

/** Starts `vite` or `vite preview` on port 0 of 127.0.0.1 (it prints the port it got) and waits until it answers. */
export async function startVite(app: string, mode: 'dev' | 'preview'): Promise<RunningVite> {
  const args = [
    join(app, 'node_modules', 'vite', 'bin', 'vite.js'),
    ...(mode === 'preview' ? ['preview'] : []),
    '--host',
    '127.0.0.1',
    '--port',
    '0',
    '--strictPort',
  ];
  const child: ChildProcess = spawn(process.execPath, args, { cwd: app, env: npmEnv, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    process.kill(-child.pid!, 'SIGTERM');
    await exited;
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    const origin = /Local:\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(stripVTControlCharacters(output))?.[1];
    try {
      if (origin && (await fetch(origin)).ok) return { origin, stop };
    } catch {
      // not answering yet
    }
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`vite ${mode} did not start:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
