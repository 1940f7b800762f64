/**
 * A Node.js older than `engines`, brought by the tests that need one: the `node` package of
 * that version installed once into a scratch project in the OS temp directory (kept between
 * runs, shared by the test files under a lock). So the tests of the version guard run the
 * same whatever Node the machine has on its PATH, or none.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, rmdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The old Node the guard is tested on: the last 20.x, below engines' 22.12. */
export const OLD_NODE_VERSION = '20.20.2';

const dir = join(tmpdir(), `hookspec-old-node-${OLD_NODE_VERSION}`);
const binary = join(dir, 'node_modules', 'node', 'bin', 'node');

/** Path of the old Node's binary, installed on first use. */
export async function oldNode(): Promise<string> {
  mkdirSync(dir, { recursive: true });
  const lock = join(dir, '.lock');
  const deadline = Date.now() + 5 * 60_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // A lock left by a killed run is stale after two minutes (an install takes seconds).
      if (Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now()) > 120_000) rmSync(lock, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${lock}.`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  try {
    if (!(await installed())) {
      // The package's install script fetches the platform's binary package from the registry.
      writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'hookspec-old-node', private: true, allowScripts: { node: true } }));
      await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', '--save-exact', `node@${OLD_NODE_VERSION}`], {
        cwd: dir,
        timeout: 4 * 60_000,
      });
      if (!(await installed())) throw new Error(`npm installed node@${OLD_NODE_VERSION} in ${dir}, but ${binary} does not run as ${OLD_NODE_VERSION}.`);
    }
    return binary;
  } finally {
    rmdirSync(lock);
  }
}

async function installed(): Promise<boolean> {
  if (!existsSync(binary)) return false;
  const { stdout } = await run(binary, ['-p', 'process.versions.node']).catch(() => ({ stdout: '' }));
  return stdout.trim() === OLD_NODE_VERSION;
}
