/**
 * The packed `hookspec` tarball, packed once per vitest run: test files that install the
 * package into scratch projects share it instead of each running `npm pack`. Files run in
 * parallel, so the first one packs under a lock and the others wait; the tarball is kept in
 * node_modules/.cache with the run it belongs to.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { isMainThread } from 'node:worker_threads';
import { ensureBuilt, root } from '../cli/helpers.ts';
import { withLock } from './with-lock.ts';

const run = promisify(execFile);
const PACK_DIR = join(root, 'node_modules', '.cache', 'hookspec-pack');
/** The vitest run (its main process) the tarball was packed for. */
const runKey = String(isMainThread ? process.ppid : process.pid);

export interface PackedTarball {
  /** Absolute path of the .tgz. */
  readonly path: string;
  /** sha256 of its bytes: a scratch project reinstalls when it changes. */
  readonly hash: string;
  /** The files in it, as `npm pack --json` lists them. */
  readonly files: ReadonlyArray<{ path: string }>;
  /** The vitest run it was packed for: scratch projects copy what changes per run once per run. */
  readonly run: string;
}

export async function packedTarball(): Promise<PackedTarball> {
  await ensureBuilt();
  mkdirSync(PACK_DIR, { recursive: true });
  return withLock(join(PACK_DIR, '.lock'), 3 * 60_000, async () => {
    const marker = join(PACK_DIR, 'run.json');
    const saved = existsSync(marker) ? (JSON.parse(readFileSync(marker, 'utf8')) as PackedTarball) : undefined;
    if (saved?.run === runKey && existsSync(saved.path)) return saved;
    // dist/ is built above; no pack lifecycle script may rebuild it under running tests.
    const { stdout } = await run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', PACK_DIR], { cwd: root, maxBuffer: 16 * 1024 * 1024 });
    const { filename, files } = (JSON.parse(stdout) as Array<{ filename: string; files: Array<{ path: string }> }>)[0]!;
    const path = join(PACK_DIR, filename);
    const hash = createHash('sha256').update(readFileSync(path)).digest('hex');
    writeFileSync(marker, JSON.stringify({ run: runKey, path, hash, files: files.map(({ path }) => ({ path })) }));
    return { path, hash, files, run: runKey };
  });
}
