/**
 * A browser-only consumer type-checks the built package: the packed tarball installed in a
 * scratch project without @types/node, `lib: ["DOM", "ES2022"]`, `types: []`,
 * `skipLibCheck: false`, importing every per-API entry, `hookspec/signatures` and every
 * `hookspec/mocks/<api>` (with msw, as a browser app using the worker has it).
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { root } from '../cli/helpers.ts';
import { packedTarball } from '../support/packed-tarball.ts';

const run = promisify(execFile);
const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  exports: Record<string, unknown>;
  devDependencies: Record<string, string>;
};
/** Entries for Node, a test runner or the code generator, not for a browser page: `toNodeListener`, Redis, `check`, the mock server for tests, the hey-api plugin. */
const serverSide = /^\.\/(node|redis|check|testing|openapi-ts)(\/|$)/;
/** Every other entry: the per-API ones, `signatures`, `mocks/<api>`. */
const browserEntries = Object.keys(packageJson.exports)
  .filter((subpath) => !subpath.endsWith('.json') && !serverSide.test(subpath))
  .map((subpath) => `hookspec${subpath.slice(1)}`);

let scratch: string;

beforeAll(async () => {
  const tarball = (await packedTarball()).path;
  scratch = mkdtempSync(join(tmpdir(), 'hookspec-browser-types-'));
  writeFileSync(join(scratch, 'package.json'), JSON.stringify({ name: 'browser-consumer', private: true, type: 'module' }));
  await run(
    'npm',
    [
      'install',
      '--no-audit',
      '--no-fund',
      '--prefer-offline',
      '--loglevel=error',
      tarball,
      `msw@${packageJson.devDependencies.msw}`,
      `typescript@${packageJson.devDependencies.typescript}`,
    ],
    { cwd: scratch, maxBuffer: 16 * 1024 * 1024, timeout: 120_000 },
  );
  // msw's dependencies bring @types/node along; a browser app's types must not need it.
  rmSync(join(scratch, 'node_modules', '@types', 'node'), { recursive: true, force: true });
}, 180_000);

afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe('a browser-only consumer, skipLibCheck off', () => {
  it('type-checks every browser entry of the built package without Node types', async () => {
    expect(browserEntries).toEqual(expect.arrayContaining(['hookspec/sidclaw', 'hookspec/signatures', 'hookspec/mocks/sidclaw', 'hookspec/mocks/pipevest']));
    const source = [
      ...browserEntries.map((entry, index) => `import * as entry${index} from '${entry}';`),
      `export const entries = [${browserEntries.map((_, index) => `entry${index}`).join(', ')}];`,
      // The public option types are usable with browser values.
      `import { createSidclawClient, sidclawEventTypes } from 'hookspec/sidclaw';`,
      `import { createSidclawMock } from 'hookspec/mocks/sidclaw';`,
      `export const client = createSidclawClient({ apiKey: 'sk_live_abc123', baseUrl: \`\${location.origin}/sidclaw\` });`,
      `export const mock = createSidclawMock({ baseUrl: \`\${location.origin}/sidclaw\`, state: { storage: sessionStorage } });`,
      `export const first: string = sidclawEventTypes[0]!;`,
      '',
    ].join('\n');
    writeFileSync(join(scratch, 'entries.ts'), source);
    writeFileSync(
      join(scratch, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          lib: ['DOM', 'DOM.Iterable', 'ES2022'],
          types: [],
          module: 'ESNext',
          moduleResolution: 'Bundler',
          strict: true,
          skipLibCheck: false,
          noEmit: true,
        },
        files: ['entries.ts'],
      }),
    );
    expect(existsSync(join(scratch, 'node_modules', '@types', 'node'))).toBe(false);
    const result = await run(process.execPath, [join(scratch, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], {
      cwd: scratch,
      maxBuffer: 16 * 1024 * 1024,
    }).then(
      () => ({ code: 0, output: '' }),
      (error: { code: number; stdout: string }) => ({ code: error.code, output: error.stdout }),
    );
    expect(result).toEqual({ code: 0, output: '' });
  }, 120_000);
});
