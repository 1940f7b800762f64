// `npm run screenshots`: the pictures of the mock inspector in README.md and docs/, taken in headless Chromium
// from a real mock server, receiver and deliveries (nothing staged by hand), into docs/screenshots/.
import { mkdir } from 'node:fs/promises';
import { createServer } from 'node:http';
import { chromium } from 'playwright-core';
import { startMockServer } from '../mocks/server.ts';
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
try {
  for (const [path, events] of [
    ['/ok', ['approval.requested', 'trace.completed']],
    ['/flaky', ['agent.revoked']],
  ] as const) {
    await fetch(`${server.baseUrls.sidclaw}/api/v1/webhooks`, {
      method: 'POST',
      headers: { authorization: 'Bearer sk_live_abc123', 'content-type': 'application/json' },
      body: JSON.stringify({ url: `http://localhost:${port}${path}`, events }),
    });
  }
  for (const event of ['approval.requested', 'trace.completed', 'agent.revoked']) {
    await fetch(`${server.url}/_mock/sidclaw/send`, { method: 'POST', body: JSON.stringify({ event, data: { example: true } }) });
  }
  await Promise.all(server.mocks.sidclaw!.engine.list().map((record) => server.mocks.sidclaw!.engine.settled(record.id)));

  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, colorScheme: 'light' });
  await page.goto(`${server.url}/`);
  await page.waitForSelector('body[data-ready="true"]', { state: 'attached' });
  await page.screenshot({ path: new URL('inspector-overview.png', out).pathname });

  await page.getByRole('button', { name: 'agent.revoked', exact: true }).click();
  const detail = page.locator('section.detail');
  await detail.scrollIntoViewIfNeeded();
  await page.locator('#deliveries-heading').scrollIntoViewIfNeeded();
  await page.screenshot({ path: new URL('inspector-deliveries.png', out).pathname });

  // An edited body that breaks the Proven schema: refused beside the field, nothing sent.
  const form = page.locator('form.send');
  await form.getByLabel('API').selectOption('proven');
  await form.getByLabel('Event').selectOption('connection:completed');
  await page.waitForFunction(() => (document.querySelector('form.send textarea') as HTMLTextAreaElement).value.includes('connection_id'));
  const field = form.locator('textarea');
  const sample = JSON.parse(await field.inputValue()) as Record<string, unknown>;
  await field.fill(JSON.stringify({ ...sample, connection_id: 42 }, null, 2));
  await page.getByRole('button', { name: 'Send event' }).click();
  await page.waitForSelector('.field-errors li');
  await form.screenshot({ path: new URL('inspector-send-invalid.png', out).pathname });

  await page.goto(`${server.url}/_mock/docs/sidclaw#/webhook-endpoints/createwebhook`);
  await page.locator('[id="webhook-endpoints/createwebhook"]').waitFor({ state: 'attached', timeout: 60_000 });
  await page.screenshot({ path: new URL('reference-sidclaw.png', out).pathname });
  console.log(`screenshots written to ${out.pathname}`);
} finally {
  await browser.close();
  await server.close({ timeoutMs: 1000 });
  receiver.closeAllConnections();
  receiver.close();
}
