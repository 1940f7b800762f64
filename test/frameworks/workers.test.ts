// Cloudflare Workers (examples/frameworks/workers/): the module worker bundled the way wrangler
// does it (esbuild, workerd conditions, no nodejs_compat) and run on workerd through the
// miniflare API, with the compatibility date of its wrangler.json.
// Not `wrangler dev`: its file watcher and proxy stalled workerd mid-run in full-suite runs
// while other stacks wrote into the shared scratch project (never when run alone).
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough, type Readable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { describeRecipe } from './recipe-suite.ts';
import { outputCollector, waitForHttp } from './running-app.ts';

/** The part of miniflare's API used here (miniflare is installed in the scratch project only). */
type MiniflareClass = new (options: {
  modules: Array<{ type: 'ESModule'; path: string; contents: string }>;
  compatibilityDate: string;
  bindings: Record<string, string>;
  host: string;
  port: number;
  cf: boolean;
  handleRuntimeStdio: (stdout: Readable, stderr: Readable) => void;
}) => { ready: Promise<URL>; dispose(): Promise<void> };

describeRecipe('workers', async ({ scratch, env }) => {
  const dir = join(scratch, 'apps', 'workers');
  const config = JSON.parse(readFileSync(join(dir, 'wrangler.json'), 'utf8')) as { main: string; compatibility_date: string };
  const outDir = join(scratch, '.workers-bundle');
  mkdirSync(outDir, { recursive: true });
  const bundle = join(outDir, 'worker.js');
  await promisify(execFile)(
    join(scratch, 'node_modules', '.bin', 'esbuild'),
    [
      join(dir, config.main),
      '--bundle',
      '--format=esm',
      '--platform=neutral',
      '--conditions=workerd,worker,browser',
      '--main-fields=module,main',
      // No externals: the per-API entries import no node: module (test/package checks it).
      `--outfile=${bundle}`,
      '--log-level=warning',
    ],
    { cwd: scratch },
  );
  const { Miniflare } = (await import(pathToFileURL(join(scratch, 'node_modules', 'miniflare', 'dist', 'src', 'index.js')).href)) as {
    Miniflare: MiniflareClass;
  };
  const collected = outputCollector();
  const miniflare = new Miniflare({
    // The bundle as one module (a scriptPath outside the test's working directory is refused).
    modules: [{ type: 'ESModule', path: 'worker.js', contents: readFileSync(bundle, 'utf8') }],
    compatibilityDate: config.compatibility_date,
    bindings: env,
    host: '127.0.0.1',
    // workerd binds what the OS picks; `ready` resolves with the URL it got.
    port: 0,
    // No lookup of workers.cloudflare.com for `request.cf` (the machine has no network; the recipe does not read it).
    cf: false,
    handleRuntimeStdio: (stdout, stderr) => {
      for (const stream of [stdout, stderr]) collected.read(stream.pipe(new PassThrough()));
    },
  });
  let origin: string;
  try {
    origin = new URL(await miniflare.ready).origin;
    await waitForHttp(origin, () => undefined, 30_000, collected.output);
  } catch (error) {
    await miniflare.dispose();
    throw error;
  }
  return { origin, handled: () => collected.handled, output: collected.output, stop: () => miniflare.dispose() };
});
