// Each API's Redocly reference at /_mock/docs/<api>, in headless Chromium with the network cut
// off: it renders, and every operation the overview links to is at its anchor.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ReferenceOperation as Operation } from '../../mocks/inspector/reference-build.ts';
import { mockedApis } from '../../mocks/registry.ts';
import { loadSpec } from '../support/specs.ts';
import { startInspectorHarness, type InspectorHarness } from './inspector-harness.ts';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
/** Operations under the spec's paths (its webhooks are not operations of the API). */
const operationCount = (api: (typeof mockedApis)[number]) =>
  Object.values(loadSpec(api).paths ?? {}).reduce((count: number, item) => count + METHODS.filter((method) => method in (item as object)).length, 0);

let harness: InspectorHarness;

beforeAll(async () => {
  harness = await startInspectorHarness();
}, 120_000);

afterAll(async () => {
  await harness?.close();
});

it.each(mockedApis)(
  'the %s reference renders offline with every operation at the anchor the overview links to',
  async (api) => {
    // A source checkout builds the reference on first use (Redocly), hence the generous timeout.
    const { data: operations } = (await (await fetch(`${harness.server.url}/_mock/${api}/operations`)).json()) as { data: Operation[] };
    // Every operation the spec defines is listed (a loop over none would check nothing).
    expect(operations).toHaveLength(operationCount(api));
    const page = await harness.open(`/_mock/docs/${api}`);
    try {
      await page.waitForSelector('#api-content', { timeout: 30_000 });
      // Redoc shows one tag's section per route: follow the overview's link (a fresh load), then
      // every operation linked into an already shown section must be there too.
      for (const operation of operations) {
        const target = page.locator(`[id="${operation.anchor.slice(2)}"]`);
        if ((await target.count()) === 0) {
          await page.goto('about:blank');
          await page.goto(`${harness.server.url}/_mock/docs/${api}${operation.anchor}`);
          await target.waitFor({ state: 'attached', timeout: 30_000 });
        }
        expect(await target.textContent(), `${operation.operationId} at ${operation.anchor}`).toContain(operation.summary);
      }
      // The webhooks the spec defines are rendered too (Proven documents nothing else).
      expect(await page.locator('#api-content').textContent()).toMatch(/webhook/i);
      expect(harness.external).toEqual([]);
    } finally {
      await page.close();
    }
  },
  90_000,
);

it('the overview links each operation to its reference', async () => {
  const page = await harness.open('/');
  try {
    await page.waitForSelector('body[data-ready="true"]', { state: 'attached', timeout: 30_000 });
    const card = page.locator('section.card[data-api="sidclaw"]');
    await card.locator('summary', { hasText: 'Operations' }).click();
    const link = card.getByRole('link', { name: 'POST /api/v1/webhooks Create a webhook endpoint' });
    await expect.poll(() => link.getAttribute('href')).toBe('/_mock/docs/sidclaw#/webhook-endpoints/createwebhook');
    await link.click();
    const target = page.locator('[id="webhook-endpoints/createwebhook"]');
    await target.waitFor({ state: 'attached', timeout: 30_000 });
    expect(await target.textContent()).toContain('Create a webhook endpoint');
  } finally {
    await page.close();
  }
}, 90_000);
