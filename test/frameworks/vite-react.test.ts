/**
 * The Vite + React example app, built from the packed package, in headless Chromium: under the
 * dev server, and under `vite build` (VITE_MOCK=1) + `vite preview`. List, create, see the
 * secret once, a validation error in words, delete; the endpoints survive a reload
 * (sessionStorage) and the mock's reset clears them. A plain production build holds no `sk_`
 * string and no service worker: the page calls its own backend (test/frameworks/hono-proxy.test.ts).
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_LAUNCH_OPTIONS } from '../../scripts/chromium-path.ts';
import { ensureBuilt } from '../cli/helpers.ts';
import { packAndInstallApp, runScript, startVite, viteBuild } from './vite-app.ts';

let app: string;
let browser: Browser;

beforeAll(async () => {
  await ensureBuilt();
  app = await packAndInstallApp();
  browser = await chromium.launch(CHROMIUM_LAUNCH_OPTIONS);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  if (app) rmSync(dirname(app), { recursive: true, force: true });
});

/** The page waits for the worker and the mock's answers: generous on a loaded machine. */
const patiently = { timeout: 20_000, interval: 100 };
const endpointUrls = (page: Page) => page.getByRole('list', { name: 'endpoints' }).locator('li > span').allTextContents();

async function create(page: Page, url: string, event: string) {
  await page.getByLabel('URL').fill(url);
  await page.getByRole('checkbox', { name: event }).check();
  await page.getByRole('button', { name: 'Create endpoint' }).click();
}

/** The whole flow a frontend developer clicks through, on one origin. */
async function exercise(origin: string) {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  try {
    await page.goto(origin);
    await page.getByRole('heading', { name: 'SidClaw webhooks' }).waitFor();
    // The subscription choices come from the spec (sidclawEventTypes).
    expect(await page.getByRole('checkbox').count()).toBe(8);
    expect(await endpointUrls(page)).toEqual([]);

    await create(page, 'https://example.com/hooks/a', 'trace.completed');
    const secret = page.getByRole('status', { name: 'secret' });
    await secret.waitFor();
    expect(await secret.textContent()).toMatch(/^[0-9a-f]{64}$/);
    await expect.poll(() => endpointUrls(page), patiently).toEqual(['https://example.com/hooks/a']);

    // Reload: the endpoint is kept (sessionStorage), the secret is not shown again.
    await page.reload();
    await expect.poll(() => endpointUrls(page), patiently).toEqual(['https://example.com/hooks/a']);
    expect(await page.getByRole('status', { name: 'secret' }).count()).toBe(0);

    await create(page, 'ftp://example.com/hooks', 'agent.revoked');
    expect(await page.getByRole('alert').textContent()).toBe(
      'url must be HTTPS URL to receive events (or http://localhost in development); got "ftp://example.com/hooks"' +
        ' (the mock also accepts loopback http:// receivers: localhost, 127.0.0.1, [::1])',
    );

    await page.getByRole('button', { name: 'Delete https://example.com/hooks/a' }).click();
    await expect.poll(() => endpointUrls(page), patiently).toEqual([]);

    // Reset clears the stored state: nothing comes back on reload.
    await create(page, 'https://example.com/hooks/b', 'policy.updated');
    await expect.poll(() => endpointUrls(page), patiently).toEqual(['https://example.com/hooks/b']);
    await page.getByRole('button', { name: 'Reset mock' }).click();
    await expect.poll(() => endpointUrls(page), patiently).toEqual([]);
    await page.reload();
    await page.getByRole('heading', { name: 'SidClaw webhooks' }).waitFor();
    expect(await endpointUrls(page)).toEqual([]);
    expect(errors).toEqual([]);
  } finally {
    await page.close();
  }
}

/** min+gzip bytes of the JavaScript a build ships. */
function shippedJs(dist: string) {
  const assets = join(dist, 'assets');
  const files = readdirSync(assets).filter((file) => file.endsWith('.js'));
  return files.map((file) => ({
    file,
    gzip: gzipSync(readFileSync(join(assets, file)), { level: 9 }).byteLength,
    text: readFileSync(join(assets, file), 'utf8'),
  }));
}

describe('examples/frameworks/vite-react from the packed package', () => {
  it('under the dev server: list, create, secret once, reload keeps it, validation error, delete, reset', async () => {
    const vite = await startVite(app, 'dev');
    try {
      await exercise(vite.origin);
    } finally {
      await vite.stop();
    }
  }, 120_000);

  it('a production build leaves the mock out; with VITE_MOCK=1 it runs under vite preview', async () => {
    // `npm run build` type-checks src/ first (skipLibCheck off, DOM libs, no Node types).
    await runScript(app, ['build']);
    const plain = shippedJs(join(app, 'dist'));
    // The page calls its own backend (/api/sidclaw): no secret key, no mock, no service worker.
    expect(plain.some(({ text }) => text.includes('/api/sidclaw'))).toBe(true);
    const everyFile = readdirSync(join(app, 'dist'), { recursive: true, encoding: 'utf8' });
    expect(everyFile.filter((file) => file.endsWith('mockServiceWorker.js'))).toEqual([]);
    expect(everyFile.filter((file) => /\.(js|html|css|map)$/.test(file) && readFileSync(join(app, 'dist', file), 'utf8').includes('sk_'))).toEqual([]);
    expect(plain.some(({ text }) => text.includes('mockServiceWorker') || text.includes('setupWorker'))).toBe(false);
    console.info(`vite build, no mock: ${plain.map(({ file, gzip }) => `${file} ${gzip} B gzip`).join(', ')}`);

    await viteBuild(app, { VITE_MOCK: '1' });
    const vite = await startVite(app, 'preview');
    try {
      await exercise(vite.origin);
    } finally {
      await vite.stop();
    }
  }, 240_000);
});
