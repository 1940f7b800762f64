// `npm run screenshots`: the pictures of the mock inspector in README.md and docs/, taken in headless Chromium
// from a real mock server, receiver and deliveries (nothing staged by hand), into docs/screenshots/.
import { mkdir } from 'node:fs/promises';
import { createServer } from 'node:http';
import { chromium } from 'playwright-core';
import { apiOperations } from '../generated/api-operations.gen.ts';
import { startMockServer } from '../mocks/server.ts';
import { apis } from '../src/apis/index.ts';
import { CHROMIUM_LAUNCH_OPTIONS } from './chromium-path.ts';

const out = new URL('../docs/screenshots/', import.meta.url);
await mkdir(out, { recursive: true });

// A receiver that accepts /ok and fails /flaky, so the list shows both outcomes.
const receiver = createServer((req, res) => {
  req.resume();
  req.on('end', () =>
    res.writeHead(req.url === '/ok' ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify({ received: req.url === '/ok' })),
  );
});
await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
const port = (receiver.address() as { port: number }).port;
const server = await startMockServer({ port: 0, log: () => {}, delivery: { maxAttempts: 3, backoff: { baseMs: 100, maxMs: 200 } } });
const browser = await chromium.launch(CHROMIUM_LAUNCH_OPTIONS);

/** POSTs JSON to the mock server; throws on a non-2xx answer (a picture of an error helps nobody). */
async function post(path: string, body: unknown): Promise<void> {
  const answer = await fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!answer.ok) throw new Error(`POST ${path}: ${answer.status} ${await answer.text()}`);
}

/** A top-level field of an event's sample data that holds a string: set to a number, it breaks the schema. */
async function stringFieldOf(api: string, event: string): Promise<string | undefined> {
  const { data } = (await (await fetch(`${server.url}/_mock/${api}/events/${encodeURIComponent(event)}/sample`)).json()) as { data: unknown };
  if (typeof data !== 'object' || data === null) return undefined;
  return Object.entries(data).find(([, value]) => typeof value === 'string')?.[0];
}

try {
  // The deliveries shown: the first API whose mock takes a receiver at POST /_mock/<api>/endpoints
  // (every event goes to it), with three of its events; /flaky makes dead letters beside /ok.
  const [shown, shownMock] = Object.entries(server.mocks).find(([, mock]) => mock?.addEndpoint !== undefined) ?? [];
  if (shown === undefined || shownMock === undefined) throw new Error('No mocked API takes a receiver at POST /_mock/<api>/endpoints.');
  for (const path of ['/ok', '/flaky']) await post(`/_mock/${shown}/endpoints`, { url: `http://localhost:${port}${path}` });
  for (const event of apis[shown]!.events.slice(0, 3)) await post(`/_mock/${shown}/events`, { event });
  await Promise.all(shownMock.engine.list().map((record) => shownMock.engine.settled(record.id)));

  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, colorScheme: 'light' });
  await page.goto(`${server.url}/`);
  await page.waitForSelector('body[data-ready="true"]', { state: 'attached' });
  await page.screenshot({ path: new URL('inspector-overview.png', out).pathname });

  await page.locator('table.deliveries tr', { hasText: '/flaky' }).first().getByRole('button').click();
  const detail = page.locator('section.detail');
  await detail.scrollIntoViewIfNeeded();
  await page.locator('#deliveries-heading').scrollIntoViewIfNeeded();
  await page.screenshot({ path: new URL('inspector-deliveries.png', out).pathname });

  // An edited body that breaks an API's schema (a string field given a number): refused beside the field, nothing sent.
  let invalid: { api: string; event: string; field: string } | undefined;
  // Another API than the deliveries' first, for variety.
  for (const adapter of Object.values(apis).sort((a, b) => Number(a.name === shown) - Number(b.name === shown))) {
    const event = adapter.events[0];
    const field = event === undefined ? undefined : await stringFieldOf(adapter.name, event);
    if (event !== undefined && field !== undefined) {
      invalid = { api: adapter.name, event, field };
      break;
    }
  }
  if (invalid === undefined) throw new Error('No API has an event whose sample data holds a string field.');
  const form = page.locator('form.send');
  await form.getByLabel('API').selectOption(invalid.api);
  await form.getByLabel('Event').selectOption(invalid.event);
  await page.waitForFunction(
    (field) => (document.querySelector('form.send textarea') as HTMLTextAreaElement).value.includes(JSON.stringify(field)),
    invalid.field,
  );
  const textarea = form.locator('textarea');
  const sample = JSON.parse(await textarea.inputValue()) as Record<string, unknown>;
  await textarea.fill(JSON.stringify({ ...sample, [invalid.field]: 42 }, null, 2));
  await page.getByRole('button', { name: 'Send event' }).click();
  await page.waitForSelector('.field-errors li');
  await form.screenshot({ path: new URL('inspector-send-invalid.png', out).pathname });

  // The reference of the first API whose page links an operation (one that takes a body first), opened at it.
  let referenced = false;
  for (const [api, operations] of Object.entries(apiOperations)) {
    if (operations.length === 0) continue;
    await page.goto(`${server.url}/_mock/docs/${api}`);
    await page.locator('#api-content').waitFor({ state: 'attached', timeout: 60_000 });
    const links = await page.locator('a[href^="#/"]').evaluateAll((anchors) => anchors.map((anchor) => anchor.getAttribute('href') ?? ''));
    const ordered = [...operations].sort((a, b) => Number(b.method === 'POST') - Number(a.method === 'POST'));
    const href = ordered.map(({ operationId }) => links.find((link) => link.endsWith(`/${operationId.toLowerCase()}`))).find(Boolean);
    if (href === undefined) continue;
    await page.goto(`${server.url}/_mock/docs/${api}${href}`);
    await page.locator(`[id="${href.slice(2)}"]`).waitFor({ state: 'attached', timeout: 60_000 });
    await page.screenshot({ path: new URL('api-reference.png', out).pathname });
    referenced = true;
    break;
  }
  if (!referenced) throw new Error('No API reference page links an operation.');
  console.log(`screenshots written to ${out.pathname}`);
} finally {
  await browser.close();
  await server.close({ timeoutMs: 1000 });
  receiver.closeAllConnections();
  receiver.close();
}
