/**
 * Scratch consumer projects for the vitest majors hookspec supports (peer range `>=3.2.0`):
 * one per major, outside the repository, with the packed tarball, msw and that vitest
 * installed. Each is kept between runs (in the OS temp directory, one set per checkout) and
 * reinstalled only when the tarball or a version changed, so a repeat run costs the shared
 * pack and a hash. examples/ci/ is copied in fresh every time.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { root } from '../cli/helpers.ts';
import { packedTarball } from '../support/packed-tarball.ts';
import { withLock } from '../support/with-lock.ts';

const run = promisify(execFile);
const devDependencies = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> }).devDependencies;

/** The vitest of each supported major: 3.2 (the peer range's floor), 4 (what npm picks on Node 20), 5 (this repository's). */
export const vitestVersions = { '3': '3.2.7', '4': '4.1.12', '5': devDependencies.vitest! } as const;
export type VitestMajor = keyof typeof vitestVersions;

const checkoutKey = createHash('sha256').update(root).digest('hex').slice(0, 12);

/**
 * The scratch project for vitest `major`, installed and holding a fresh copy of examples/ci/
 * (`examples: false`: as it is, for a file that only runs the installed binary while another
 * file runs the project's tests).
 */
export async function consumerProject(major: VitestMajor, { examples = true } = {}): Promise<string> {
  const tarball = await packedTarball();
  const dir = join(tmpdir(), `hookspec-consumer-${checkoutKey}-vitest${major}`);
  mkdirSync(dir, { recursive: true });
  return withLock(join(dir, '.lock'), 5 * 60_000, async () => {
    const installKey = JSON.stringify({ tarball: tarball.hash, vitest: vitestVersions[major], msw: devDependencies.msw });
    const marker = join(dir, '.installed');
    if (!existsSync(marker) || readFileSync(marker, 'utf8') !== installKey) {
      rmSync(marker, { force: true });
      writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: `hookspec-consumer-vitest${major}`, private: true, type: 'module' }));
      // A tarball of the same version is not reinstalled by npm unless it is removed first.
      rmSync(join(dir, 'node_modules', 'hookspec'), { recursive: true, force: true });
      await run(
        'npm',
        [
          'install',
          '--no-audit',
          '--no-fund',
          '--prefer-offline',
          '--loglevel=error',
          '--save-exact',
          tarball.path,
          `msw@${devDependencies.msw}`,
          `vitest@${vitestVersions[major]}`,
        ],
        { cwd: dir, maxBuffer: 16 * 1024 * 1024, timeout: 4 * 60_000 },
      );
      writeFileSync(marker, installKey);
    }
    if (!examples) return dir;
    // What runs is what examples/ci/ holds now: earlier runs' test files go.
    for (const file of readdirSync(dir)) if (/\.(test|config)\.ts$|\.xml$/.test(file)) rmSync(join(dir, file), { force: true });
    cpSync(join(root, 'examples', 'ci'), dir, { recursive: true });
    return dir;
  });
}

export interface VitestRun {
  code: number;
  output: string;
}

/** Runs the project's vitest (`vitest run …args`); resolves with its exit code and output. */
export async function runVitest(dir: string, args: readonly string[] = [], env: Record<string, string> = {}): Promise<VitestRun> {
  const bin = join(dir, 'node_modules', 'vitest', 'vitest.mjs');
  return run(process.execPath, [bin, 'run', ...args], {
    cwd: dir,
    env: { ...process.env, NO_COLOR: '1', CI: '1', HOOKSPEC_REPORT: '', ...env },
    timeout: 120_000,
    maxBuffer: 16 * 1024 * 1024,
  }).then(
    ({ stdout, stderr }) => ({ code: 0, output: stdout + stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, output: error.stdout + error.stderr }),
  );
}
