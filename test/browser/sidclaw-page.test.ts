// Headless Chromium (Debian's package, driven by playwright-core) loads a static page that
// registers MSW's service worker with the SidClaw handlers and uses the generated client.
import { createRequire } from 'node:module';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { serveBrowserPage, type BrowserPage } from './browser-page.ts';

const require = createRequire(import.meta.url);
let browserPage: BrowserPage | undefined;

beforeAll(async () => {
  browserPage = await serveBrowserPage(new URL('./page/main.ts', import.meta.url), new URL('./page/index.html', import.meta.url), {
    '/mockServiceWorker.js': { type: 'text/javascript', path: require.resolve('msw/mockServiceWorker.js') },
  });
}, 120_000);

afterAll(() => browserPage?.close());

it('the page shows the endpoints it created through the service worker', async () => {
  const page = await browserPage!.open();
  await page.waitForFunction(() => !document.querySelector('#status')?.textContent?.startsWith('starting'), undefined, { timeout: 30_000 });
  expect(await page.textContent('#status')).toBe('ready: 2 endpoints; read-only key got 403 forbidden');
  expect(await page.locator('#endpoints li').allTextContents()).toEqual([
    'Slack approvals → https://example.com/hooks [approval.requested]',
    'Audit trail → https://example.com/hooks [approval.requested]',
  ]);
  await page.close();
}, 60_000);
