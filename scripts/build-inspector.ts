// Part of `npm run build`, after tsdown: writes the mock inspector's page script and every API's
// Redocly reference into dist/inspector-assets/, beside the bundled mock server, so the published
// package serves them without esbuild or Redocly installed and with no network.
import { mkdir, writeFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { bundlePageScript } from '../mocks/inspector/assets.ts';
import { buildReference } from '../mocks/inspector/reference-build.ts';
import { mockedApis } from '../mocks/registry.ts';

const out = new URL('../dist/inspector-assets/', import.meta.url);
await mkdir(new URL('docs/', out), { recursive: true });
const script = await bundlePageScript();
await writeFile(new URL('app.js', out), script);
for (const api of mockedApis) await buildReference(api, new URL(`../openapi/${api}.yaml`, import.meta.url).pathname, new URL('docs/', out).pathname);
console.log(`inspector: app.js ${Buffer.byteLength(script)} bytes (${gzipSync(script).byteLength} gzip); references for ${mockedApis.join(', ')}`);
