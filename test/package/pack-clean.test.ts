/**
 * `npm pack` from a clean checkout (no dist/) must build before packing: the tarball carries
 * dist/ and the LICENSE. The checkout is a copy of the repository's files (what git tracks plus
 * new unignored files) with node_modules linked in, so this repository's dist/ is never touched.
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, expect, it } from 'vitest';
import { root } from '../cli/helpers.ts';

const run = promisify(execFile);
const scratch = mkdtempSync(join(tmpdir(), 'hookspec-clean-pack-'));

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

it('npm pack in a clean checkout builds dist/ first and ships it with the LICENSE', async () => {
  const checkout = join(scratch, 'checkout');
  const { stdout: listed } = await run('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { cwd: root, maxBuffer: 64 * 1024 * 1024 });
  for (const file of listed.split('\0').filter(Boolean)) {
    if (!existsSync(join(root, file))) continue; // deleted in the working tree, not yet committed
    mkdirSync(dirname(join(checkout, file)), { recursive: true });
    cpSync(join(root, file), join(checkout, file));
  }
  symlinkSync(join(root, 'node_modules'), join(checkout, 'node_modules'), 'dir');
  expect(existsSync(join(checkout, 'dist'))).toBe(false);

  // Not --json: the prepack build prints to the same stdout. The tarball itself is the evidence.
  await run('npm', ['pack', '--pack-destination', scratch], { cwd: checkout, maxBuffer: 64 * 1024 * 1024, timeout: 240_000 });
  const tarball = readdirSync(scratch).find((name) => name.endsWith('.tgz'));
  expect(tarball).toBeDefined();
  const { stdout } = await run('tar', ['-tzf', join(scratch, tarball!)], { maxBuffer: 16 * 1024 * 1024 });
  const paths = stdout
    .split('\n')
    .filter(Boolean)
    .map((path) => path.replace(/^package\//, ''));
  expect(paths).toEqual(
    expect.arrayContaining(['LICENSE', 'package.json', 'dist/cli.js', 'dist/sidclaw.js', 'dist/sidclaw.d.ts', 'dist/pipevest.js', 'dist/mocks/pipevest.js']),
  );
}, 300_000);
