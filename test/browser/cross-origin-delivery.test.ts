// In headless Chromium, the SidClaw mock runs in the page and delivers to a receiver on another
// origin without CORS headers: `testWebhook` and the delivery record say why it failed (the
// receiver does not allow the page's origin; the mock server sends real deliveries).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { serveBrowserPage, type BrowserPage } from './browser-page.ts';

let browserPage: BrowserPage | undefined;

beforeAll(async () => {
  browserPage = await serveBrowserPage(new URL('./page/cross-origin.ts', import.meta.url), new URL('./page/status.html', import.meta.url));
}, 120_000);

afterAll(() => browserPage?.close());

it('a cross-origin delivery from a page fails with the reason: CORS, and where real deliveries come from', async () => {
  const page = await browserPage!.open();
  await page.waitForFunction(() => !document.querySelector('#status')?.textContent?.startsWith('starting'), undefined, { timeout: 30_000 });
  const text = (await page.textContent('#status'))!;
  expect(text).not.toMatch(/^failed/);
  const { tested, delivery } = JSON.parse(text) as { tested: { delivered: boolean; error?: string }; delivery: string };
  const origin = new URL(browserPage!.origin);
  for (const error of [tested.error, delivery]) {
    expect(error).toMatch(/^TypeError: Failed to fetch \(sent from a browser page/);
    expect(error).toContain(`(${origin.origin}) to another origin (http://localhost:${origin.port})`);
    expect(error).toContain('CORS');
    expect(error).toContain('npx hookspec mock');
  }
  expect(tested.delivered).toBe(false);
  await page.close();
}, 60_000);
