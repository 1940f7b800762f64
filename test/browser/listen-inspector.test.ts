// `hookspec listen` serves the same inspector page at / to a browser: what it received, live,
// with the verdict and error code of each delivery; curl still gets the JSON list.
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CHROMIUM_LAUNCH_OPTIONS } from '../../scripts/chromium-path.ts';
import { ensureBuilt, runCli, startCli, type RunningCli } from '../cli/helpers.ts';

const SECRET = 'whsec_inspector_test';
let listener: RunningCli;
let url: string;
let browser: Browser;

beforeAll(async () => {
  await ensureBuilt();
  listener = startCli(['listen', 'sidclaw', '--port', '0', '--secret', SECRET, '--json']);
  url = String((await listener.ready).listening);
  browser = await chromium.launch(CHROMIUM_LAUNCH_OPTIONS);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await listener?.stop('SIGTERM');
});

it('shows each received delivery live with its verdict, error code and the request as received', async () => {
  const verified = await runCli(['trigger', 'sidclaw', 'approval.requested', '--to', url, '--secret', SECRET]);
  expect(verified.code).toBe(0);
  const page = await browser.newPage();
  await page.goto(`${url}/`);
  await page.waitForSelector('body[data-ready="true"]', { state: 'attached', timeout: 30_000 });
  const rows = page.locator('table.deliveries tbody tr');
  expect(await rows.count()).toBe(1);
  expect(await rows.first().getAttribute('data-state')).toBe('verified');

  // Arrives while the page is open: pushed over the event stream.
  const rejected = await runCli(['trigger', 'sidclaw', 'agent.revoked', '--to', url, '--secret', 'not-the-secret']);
  expect(rejected.code).toBe(1);
  await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(2);
  const bad = page.locator('table.deliveries tbody tr[data-state="rejected"]');
  expect(await bad.locator('td.state').textContent()).toBe('✗ rejected');
  await bad.getByRole('button', { name: 'agent.revoked' }).click();
  const attempt = page.locator('section.detail article.attempt');
  expect(await attempt.locator('h4 .outcome').textContent()).toBe('✗ signature_mismatch');
  expect(await attempt.locator('section.request').textContent()).toContain('x-webhook-signature');
  expect(await attempt.locator('section.response').textContent()).toContain('Status 401');

  // The same filters as the mock server's page.
  await page.locator('.filters').getByLabel('State').selectOption('verified');
  expect(await rows.count()).toBe(1);
  await page.close();

  // A client that does not ask for HTML still gets the JSON list.
  const json = (await (await fetch(`${url}/`)).json()) as { deliveries: Array<{ ok: boolean; error?: { code: string } }> };
  expect(json.deliveries.map((entry) => entry.error?.code ?? 'ok')).toEqual(['ok', 'signature_mismatch']);
});
