/**
 * Serves a bundled test page (esbuild, browser platform) on 127.0.0.1 and drives it in headless
 * Chromium (Debian's package, through playwright-core).
 */
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { build } from 'esbuild';
import { chromium, type Page } from 'playwright-core';
import { CHROMIUM_LAUNCH_OPTIONS } from '../../scripts/chromium-path.ts';

export interface BrowserPage {
  readonly origin: string;
  open(): Promise<Page>;
  close(): Promise<void>;
}

/** Bundles `entry` as `/main.js` beside `html` (served at `/`) and any extra files; launches Chromium. */
export async function serveBrowserPage(entry: URL, html: URL, extraFiles: Record<string, { type: string; path: string }> = {}): Promise<BrowserPage> {
  const bundle = await build({
    entryPoints: [entry.pathname],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  const files: Record<string, { type: string; body: string | Buffer }> = {
    '/': { type: 'text/html', body: await readFile(html) },
    '/main.js': { type: 'text/javascript', body: bundle.outputFiles[0]!.text },
  };
  for (const [path, file] of Object.entries(extraFiles)) files[path] = { type: file.type, body: await readFile(file.path) };
  const server = createServer((req, res) => {
    const file = files[req.url ?? '/'];
    if (!file) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': file.type }).end(file.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const browser = await chromium.launch(CHROMIUM_LAUNCH_OPTIONS);
  return {
    origin,
    async open() {
      const page = await browser.newPage();
      await page.goto(origin);
      return page;
    },
    async close() {
      await browser.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
