// Headless Chromium (Debian's package, driven by playwright-core) loads a static page that
// registers MSW's service worker with the SidClaw handlers and uses the generated client.
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import { build } from 'esbuild';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CHROMIUM_PATH } from '../../scripts/chromium-path.ts';

const require = createRequire(import.meta.url);
let server: Server;
let browser: Browser;
let origin: string;

beforeAll(async () => {
  const bundle = await build({
    entryPoints: [new URL('./page/main.ts', import.meta.url).pathname],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  const files: Record<string, { type: string; body: string | Buffer }> = {
    '/': { type: 'text/html', body: await readFile(new URL('./page/index.html', import.meta.url)) },
    '/main.js': { type: 'text/javascript', body: bundle.outputFiles[0]!.text },
    '/mockServiceWorker.js': { type: 'text/javascript', body: await readFile(require.resolve('msw/mockServiceWorker.js')) },
  };
  server = createServer((req, res) => {
    const file = files[req.url ?? '/'];
    if (!file) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': file.type }).end(file.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
});

it('the page shows the endpoints it created through the service worker', async () => {
  const page = await browser.newPage();
  await page.goto(origin);
  await page.waitForFunction(() => !document.querySelector('#status')?.textContent?.startsWith('starting'), undefined, { timeout: 30_000 });
  expect(await page.textContent('#status')).toBe('ready: 2 endpoints; read-only key got 403 forbidden');
  expect(await page.locator('#endpoints li').allTextContents()).toEqual([
    'Slack approvals → https://example.com/hooks [approval.requested]',
    'Audit trail → https://example.com/hooks [approval.requested]',
  ]);
  await page.close();
}, 60_000);
