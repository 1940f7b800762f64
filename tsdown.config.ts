import { existsSync } from 'node:fs';
import { defineConfig } from 'tsdown';
import { specApiNames } from './src/apis/spec-files.ts';

/**
 * The published build: ESM, `.d.ts` and source maps in `dist/`, one entry per public subpath.
 * Every API with a `src/<api>/index.ts` is an entry (`dist/<api>.js`), every mock with a
 * `mocks/<api>/index.ts` too (`dist/mocks/<api>.js`), the APIs being the specs in openapi/, so a
 * new API is built without editing this file; the `exports` map in package.json lists the same
 * subpaths (test/package checks it).
 */
const APIS = specApiNames();

export const buildEntries: Record<string, string> = {
  ...Object.fromEntries(APIS.filter((api) => existsSync(`src/${api}/index.ts`)).map((api) => [api, `src/${api}/index.ts`])),
  signatures: 'src/signatures/index.ts',
  node: 'src/node/index.ts',
  check: 'src/check/index.ts',
  redis: 'src/redis/index.ts',
  webhooks: 'src/webhook-api/index.ts',
  'openapi-ts': 'src/openapi-ts/index.ts',
  ...Object.fromEntries(APIS.filter((api) => existsSync(`mocks/${api}/index.ts`)).map((api) => [`mocks/${api}`, `mocks/${api}/index.ts`])),
  cli: 'src/cli/index.ts',
  testing: 'mocks/testing/index.ts',
  'testing/vitest-setup': 'mocks/testing/vitest-setup.ts',
  'testing/vitest-per-test': 'mocks/testing/vitest-per-test.ts',
};

export default defineConfig({
  entry: buildEntries,
  format: 'esm',
  // 'neutral', not 'node': on 'node' rolldown's runtime chunk, shared by every entry, starts with
  // an unused `import "node:module"` (for a require shim nothing here needs), which Workers and
  // browser bundlers refuse. Node built-ins stay external (below); nothing from node_modules is
  // bundled, so no resolution changes.
  platform: 'neutral',
  target: 'node20',
  outDir: 'dist',
  clean: true,
  dts: true,
  sourcemap: true,
  // `.js` / `.d.ts` (the package is "type": "module"), not `.mjs`.
  fixedExtension: false,
  // The declaration build is the slow part by design; the timing warning is noise.
  checks: { pluginTimings: false },
  deps: {
    // dependencies and peerDependencies are external already; faker (used by the mocks and by
    // `hookspec trigger` through a dynamic import) is installed by the user, never bundled. esbuild
    // builds the mock inspector's page in a source checkout only (dist ships it prebuilt).
    neverBundle: [/^node:/, '@faker-js/faker', /^@faker-js\/faker\//, 'esbuild'],
  },
});
