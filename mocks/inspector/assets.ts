/**
 * The inspector's files: the page script and the API reference pages. The published package
 * ships them prebuilt in `dist/inspector-assets/` (`npm run build`); a source checkout builds
 * them on first request (esbuild and Redocly are dev dependencies there) and keeps the reference
 * pages in `node_modules/.cache/hookspec-inspector/`. Nothing is built or read until a page asks.
 * @module
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { MockedApi } from '../registry.ts';
import { buildReference, operationsOf, type ReferenceOperation } from './reference-build.ts';

/** Beside the bundled server chunk in dist/; absent in a source checkout. */
const prebuilt = fileURLToPath(new URL('./inspector-assets/', import.meta.url));
const isPrebuilt = existsSync(prebuilt);
const sourceCache = fileURLToPath(new URL('../../node_modules/.cache/hookspec-inspector/docs/', import.meta.url));
const specOf = (api: string) => fileURLToPath(new URL(`../../openapi/${api}.yaml`, import.meta.url));

/** Bundles the page script (browser, ES2022, minified) with esbuild; the build script and source checkouts use it. */
export async function bundlePageScript(): Promise<string> {
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [fileURLToPath(new URL('./ui/main.ts', import.meta.url))],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

let script: Promise<string> | undefined;
/** The page script, read or built once. */
export function pageScript(): Promise<string> {
  script ??= isPrebuilt ? readFile(`${prebuilt}app.js`, 'utf8') : bundlePageScript();
  script.catch(() => (script = undefined));
  return script;
}

const references = new Map<string, Promise<string>>();
/** An API's reference page, read or built once. */
export function referencePage(api: MockedApi): Promise<string> {
  let page = references.get(api);
  if (!page) {
    page = isPrebuilt ? readFile(`${prebuilt}docs/${api}.html`, 'utf8') : buildReference(api, specOf(api), sourceCache).then((file) => readFile(file, 'utf8'));
    page.catch(() => references.delete(api));
    references.set(api, page);
  }
  return page;
}

/** The Redoc bundle the reference pages load (built with the first page in a source checkout). */
export async function redocBundle(api: MockedApi): Promise<Buffer> {
  if (!isPrebuilt) await referencePage(api);
  return readFile(`${isPrebuilt ? `${prebuilt}docs/` : sourceCache}redoc.standalone.js`);
}

/** The operations an API's reference page documents. */
export async function referenceOperations(api: MockedApi): Promise<ReferenceOperation[]> {
  return operationsOf(await referencePage(api));
}
