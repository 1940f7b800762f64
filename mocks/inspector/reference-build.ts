/**
 * Builds an API's reference page with Redocly's `build-docs`, for `/_mock/docs/<api>`: the
 * page loads Redoc from the mock server (`./redoc.standalone.js` beside it) instead of
 * Redocly's CDN, routes under its own path, and sends no telemetry, so it works offline.
 * @module
 */
import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const REMOTE_LOGO = /https:\/\/cdn\.redoc\.ly\/redoc\/logo-mini(-full)?\.svg/g;
const CDN_SCRIPT = /https:\/\/cdn\.redocly\.com\/redoc\/v[\d.]+\/bundles\/redoc\.standalone\.js/g;

/** Where @redocly/cli keeps the Redoc bundle its pages load. */
function redoclyFiles() {
  const cliPackage = createRequire(import.meta.url).resolve('@redocly/cli/package.json');
  const root = dirname(cliPackage);
  return { bin: join(root, 'bin', 'cli.js'), bundle: join(root, 'lib', 'chunks', 'redoc.standalone.js') };
}

/**
 * Writes `<file>` by a rename: mock servers in other processes (parallel test files) build the same
 * page into the same cache, and none may read another's half-written or not yet rewritten file.
 */
async function writeWhole(file: string, content: string): Promise<void> {
  const temporary = `${file}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(temporary, content);
  await rename(temporary, file);
}

/** Writes `<outDir>/<api>.html` from `specPath`, and the Redoc bundle it loads beside it. */
export async function buildReference(api: string, specPath: string, outDir: string): Promise<string> {
  const files = redoclyFiles();
  await mkdir(outDir, { recursive: true });
  const out = join(outDir, `${api}.html`);
  const built = `${out}.${process.pid}-${randomBytes(4).toString('hex')}.build.html`;
  try {
    await run(process.execPath, [files.bin, 'build-docs', specPath, '-o', built, `--openapi.routingBasePath=/_mock/docs/${api}`], {
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
    });
    // The Redocly attribution logo is the only remote file Redoc loads; an empty data URL keeps the
    // page off the network (Redoc hides a logo that fails to load). The page's integrity hash of the
    // bundle is recomputed for the changed file.
    const bundle = (await readFile(files.bundle, 'utf8')).replace(REMOTE_LOGO, 'data:,');
    const integrity = `sha384-${createHash('sha384').update(bundle).digest('base64')}`;
    const html = await readFile(built, 'utf8');
    if (!html.match(CDN_SCRIPT)) throw new Error(`redocly build-docs no longer loads Redoc from the known CDN URL; update ${import.meta.url}.`);
    await writeWhole(join(outDir, 'redoc.standalone.js'), bundle);
    await writeWhole(
      out,
      html.replace(CDN_SCRIPT, '/_mock/docs/redoc.standalone.js').replace(/integrity="sha384-[A-Za-z0-9+/=]+"/g, `integrity="${integrity}"`),
    );
  } finally {
    await rm(built, { force: true });
  }
  return out;
}

/** The operations of a built reference page, from the definition Redocly embeds in it. */
export function operationsOf(html: string): ReferenceOperation[] {
  const match = /const __redoc_definition = (.*);\n/.exec(html);
  if (!match) return [];
  const definition = JSON.parse(match[1]!) as { paths?: Record<string, Record<string, { operationId?: string; summary?: string; tags?: string[] }>> };
  const operations: ReferenceOperation[] = [];
  for (const [path, item] of Object.entries(definition.paths ?? {})) {
    for (const [method, operation] of Object.entries(item)) {
      if (!['get', 'put', 'post', 'delete', 'patch'].includes(method) || !operation.operationId) continue;
      const tag = operation.tags?.[0] ?? null;
      const anchor = `#/${tag === null ? '' : `${slug(tag)}/`}${operation.operationId.toLowerCase()}`;
      operations.push({ method: method.toUpperCase(), path, operationId: operation.operationId, summary: operation.summary ?? '', tag, anchor });
    }
  }
  return operations;
}

export interface ReferenceOperation {
  method: string;
  path: string;
  operationId: string;
  summary: string;
  tag: string | null;
  /** Where Redoc puts the operation on the page (`#/<tag slug>/<operationid>`; the browser test checks each one exists). */
  anchor: string;
}

const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
