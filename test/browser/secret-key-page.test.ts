// In headless Chromium (a page with window, document and navigator), a client refuses a secret
// key unless told `dangerouslyAllowBrowser`; Exchange's public `pk_` key and a proxy client need
// nothing. The DOM-less Node side is test/client/secret-key-in-browser.test.ts.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { serveBrowserPage, type BrowserPage } from './browser-page.ts';

let browserPage: BrowserPage | undefined;

beforeAll(async () => {
  browserPage = await serveBrowserPage(new URL('./page/secret-key.ts', import.meta.url), new URL('./page/status.html', import.meta.url));
}, 120_000);

afterAll(() => browserPage?.close());

it('a secret key is refused in a page, a public key and an explicit opt-in are not', async () => {
  const page = await browserPage!.open();
  await page.waitForFunction(() => !document.querySelector('#status')?.textContent?.startsWith('starting'), undefined, { timeout: 30_000 });
  expect(JSON.parse((await page.textContent('#status'))!)).toEqual({
    sidclawSecret: 'secret_key_in_browser',
    sidclawAllowed: 'ok',
    exchangeSecret: 'secret_key_in_browser',
    exchangePublic: 'ok',
    exchangeProxy: 'ok',
  });
  await page.close();
}, 60_000);
