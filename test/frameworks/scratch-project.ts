/**
 * One scratch project outside the repository for every stack's test: the packed `hookspec`
 * tarball, the stacks of stack-versions.ts and the example apps of examples/frameworks/. Test
 * files run in parallel, so the first one prepares it under a lock and the others wait. The
 * project is kept between runs (in the OS temp directory, one per checkout) and reinstalled
 * only when the tarball or a version changed, so a repeat run costs a pack and a hash.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { root } from '../cli/helpers.ts';
import { packedTarball } from '../support/packed-tarball.ts';
import { withLock } from '../support/with-lock.ts';
import { stackPackages } from './stack-versions.ts';

const run = promisify(execFile);

export const scratchDir = join(tmpdir(), `hookspec-frameworks-${createHash('sha256').update(root).digest('hex').slice(0, 12)}`);
const examplesDir = join(root, 'examples', 'frameworks');

const readMarker = (path: string) => (existsSync(path) ? readFileSync(path, 'utf8') : '');

/** Packs the package and installs it with every stack into the scratch project (once per change). */
export async function scratchProject(): Promise<string> {
  const tarball = await packedTarball();
  mkdirSync(scratchDir, { recursive: true });
  return withLock(join(scratchDir, '.lock'), 5 * 60_000, async () => {
    const installKey = JSON.stringify({ tarball: tarball.hash, stackPackages });
    const marker = join(scratchDir, '.installed');
    if (readMarker(marker) !== installKey) {
      rmSync(marker, { force: true });
      writeFileSync(join(scratchDir, 'package.json'), JSON.stringify({ name: 'hookspec-frameworks-scratch', private: true, type: 'module' }, null, 2));
      // A tarball of the same version is not reinstalled by npm unless it is removed first.
      rmSync(join(scratchDir, 'node_modules', 'hookspec'), { recursive: true, force: true });
      const specs = [tarball.path, ...Object.entries(stackPackages).map(([name, version]) => `${name}@${version}`)];
      await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', '--save-exact', ...specs], {
        cwd: scratchDir,
        maxBuffer: 16 * 1024 * 1024,
        timeout: 8 * 60_000,
      });
      writeFileSync(marker, installKey);
    }
    // The apps are copied fresh once per run (what runs is what examples/frameworks/ holds), not
    // once per test file: a later copy would pull files from under a file already running.
    const appsMarker = join(scratchDir, '.apps-copied');
    if (readMarker(appsMarker) !== tarball.run) {
      rmSync(join(scratchDir, 'apps'), { recursive: true, force: true });
      cpSync(examplesDir, join(scratchDir, 'apps'), { recursive: true, filter: (source) => !/[\\/](\.next|node_modules)$/.test(source) });
      writeFileSync(appsMarker, tarball.run);
    }
    return scratchDir;
  });
}

/** `next build` of the Next.js example, once per change of the package or the app. */
export async function buildNextApp(scratch: string): Promise<string> {
  const app = join(scratch, 'next-app');
  return withLock(join(scratch, '.next-lock'), 5 * 60_000, async () => {
    const sources = join(examplesDir, 'nextjs');
    const key = createHash('sha256').update(readMarker(join(scratch, '.installed')));
    for (const file of ['app/api/webhooks/sidclaw/route.ts', 'app/api/webhooks/pipevest/route.ts']) {
      key.update(file).update(readFileSync(join(sources, file)));
    }
    const buildKey = key.digest('hex');
    const marker = join(app, '.built');
    if (readMarker(marker) !== buildKey) {
      rmSync(app, { recursive: true, force: true });
      cpSync(sources, app, { recursive: true });
      await run(process.execPath, [join(scratch, 'node_modules', 'next', 'dist', 'bin', 'next'), 'build'], {
        cwd: app,
        env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
        maxBuffer: 64 * 1024 * 1024,
        timeout: 8 * 60_000,
      });
      writeFileSync(marker, buildKey);
    }
    return app;
  });
}
