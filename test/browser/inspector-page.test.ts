// The mock server's inspector in headless Chromium: the page at / sends events with its form,
// shows each delivery live with every attempt, retries, dead letters, redelivers and discards,
// refuses an invalid body with the schema error beside the field, and passes axe-core.
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { registerSidclawEndpoint, startInspectorHarness, type InspectorHarness } from './inspector-harness.ts';

const require = createRequire(import.meta.url);
let harness: InspectorHarness;
let page: Page;

beforeAll(async () => {
  harness = await startInspectorHarness();
  page = await harness.open('/');
  await page.waitForSelector('body[data-ready="true"]', { state: 'attached', timeout: 60_000 });
}, 120_000);

afterAll(async () => {
  await harness?.close();
});

const row = (event: string) => page.locator('table.deliveries tbody tr', { has: page.getByRole('button', { name: event, exact: true }) });

async function sendWithForm(api: string, event: string) {
  await page.getByLabel('API', { exact: true }).first().selectOption(api);
  await page.locator('form.send').getByLabel('Event').selectOption(event);
  await expect.poll(() => page.locator('form.send textarea').inputValue()).not.toBe('');
  await page.getByRole('button', { name: 'Send event' }).click();
}

it('shows an endpoint registered through the API, live, with its subscriptions and a masked secret', async () => {
  const endpoint = await registerSidclawEndpoint(harness, '/ok', ['approval.requested', 'agent.revoked']);
  const card = page.locator('section.card[data-api="sidclaw"]');
  await expect.poll(() => card.textContent(), { timeout: 10_000 }).toContain(`${harness.receiverUrl}/ok`);
  expect(await card.textContent()).toContain('Subscribed to: approval.requested, agent.revoked');
  expect(await card.textContent()).not.toContain(endpoint.secret);
  // Reveal works from the keyboard and says so to assistive technology.
  const reveal = card.getByRole('button', { name: `Reveal secret of ${harness.receiverUrl}/ok` });
  await reveal.focus();
  await page.keyboard.press('Space');
  expect(await reveal.getAttribute('aria-pressed')).toBe('true');
  expect(await card.textContent()).toContain(endpoint.secret);
  // The base URL and credentials are shown with copy buttons.
  expect(await card.textContent()).toContain(harness.server.baseUrls.sidclaw);
  expect(await card.getByRole('button', { name: 'Copy sidclaw adminKey' }).count()).toBe(1);
});

it('sends an event with the form and shows the delivery with its signed attempt and a ✓', async () => {
  const before = harness.received.length;
  await sendWithForm('sidclaw', 'approval.requested');
  await expect.poll(() => page.getByRole('status').allTextContents()).toContain('Sent to 1 endpoint.');
  await expect.poll(() => row('approval.requested').getAttribute('data-state'), { timeout: 10_000 }).toBe('delivered');
  expect(await row('approval.requested').locator('td.state').textContent()).toBe('✓ delivered');
  expect(harness.received.length).toBe(before + 1);
  const sent = harness.received.at(-1)!;

  // Opened from the keyboard: focus moves to the detail.
  await row('approval.requested').getByRole('button').focus();
  await page.keyboard.press('Enter');
  const detail = page.locator('section.detail');
  await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('H3');
  const attempt = detail.locator('article.attempt[data-attempt="1"]');
  expect(await attempt.locator('h4 .outcome').textContent()).toBe('✓ 200');
  // The request as sent: every header including the signature, and the body byte for byte.
  const requestText = await attempt.locator('section.request').textContent();
  expect(requestText).toContain(`POST ${harness.receiverUrl}/ok`);
  expect(requestText).toContain(String(sent.headers['x-webhook-signature']));
  expect(requestText).toContain(String(sent.headers['x-webhook-id']));
  expect(await attempt.locator('section.request pre.raw').textContent()).toBe(sent.body);
  // The answer: status, headers, body.
  const responseText = await attempt.locator('section.response').textContent();
  expect(responseText).toContain('x-receiver');
  expect(responseText).toContain('"received": true');
});

it('shows the retries and the dead letter of a failing receiver, redelivers it, and discards another', async () => {
  harness.answer.status = 500;
  await sendWithForm('sidclaw', 'agent.revoked');
  await expect.poll(() => row('agent.revoked').getAttribute('data-state'), { timeout: 15_000 }).toBe('failed');
  expect(await row('agent.revoked').locator('td.state').textContent()).toBe('✗ dead-lettered');
  expect(await row('agent.revoked').locator('td').nth(4).textContent()).toBe('3');
  await row('agent.revoked').getByRole('button').click();
  const detail = page.locator('section.detail');
  expect(await detail.locator('article.attempt h4 .outcome').allTextContents()).toEqual(['✗ 500', '✗ 500', '✗ 500']);

  // The filter by state shows only the dead letter.
  await page.locator('.filters').getByLabel('State').selectOption('failed');
  expect(await page.locator('table.deliveries tbody tr').count()).toBe(1);
  await page.locator('.filters').getByLabel('State').selectOption('');

  harness.answer.status = 200;
  await detail.getByRole('button', { name: 'Redeliver' }).click();
  await expect.poll(() => row('agent.revoked').getAttribute('data-state'), { timeout: 10_000 }).toBe('delivered');
  expect(await detail.locator('article.attempt h4 .outcome').allTextContents()).toEqual(['✓ 200', '✗ 500', '✗ 500', '✗ 500']);

  // A second dead letter, discarded from the page: gone from the page and from the mock.
  harness.answer.status = 503;
  const [deliveredBefore] = [await page.locator('table.deliveries tbody tr').count()];
  await sendWithForm('sidclaw', 'agent.revoked');
  const deadRow = page.locator('table.deliveries tbody tr[data-state="failed"]');
  await expect.poll(() => deadRow.count(), { timeout: 15_000 }).toBe(1);
  await deadRow.getByRole('button').click();
  await detail.getByRole('button', { name: 'Discard dead letter' }).click();
  await expect.poll(() => page.locator('table.deliveries tbody tr').count()).toBe(deliveredBefore);
  const deadLetters = (await (await fetch(`${harness.server.url}/_mock/sidclaw/dead-letters`)).json()) as { data: unknown[] };
  expect(deadLetters.data).toEqual([]);
  harness.answer.status = 200;
});

it('refuses an edited body that breaks the schema: the error is next to the field and nothing is sent', async () => {
  const added = await fetch(`${harness.server.url}/_mock/proven/endpoints`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ url: `${harness.receiverUrl}/proven` }),
  });
  expect(added.status).toBe(201);
  await sendWithForm('proven', 'connection:completed');
  await expect.poll(() => page.getByRole('status').allTextContents()).toContain('Sent to 1 endpoint.');
  await expect.poll(() => page.locator('table.deliveries tbody tr', { hasText: 'connection:completed' }).count(), { timeout: 10_000 }).toBe(1);

  const before = harness.received.length;
  const rows = await page.locator('table.deliveries tbody tr').count();
  const field = page.getByLabel(/^Data/);
  const sample = JSON.parse(await field.inputValue()) as Record<string, unknown>;
  await field.fill(JSON.stringify({ ...sample, connection_id: 42 }, null, 2));
  await page.getByRole('button', { name: 'Send event' }).click();
  const errors = page.locator('.field-errors');
  await expect.poll(() => errors.textContent()).toMatch(/^connection_id: .*string/);
  expect(await field.getAttribute('aria-invalid')).toBe('true');
  expect(await field.getAttribute('aria-describedby')).toBe(await errors.getAttribute('id'));
  // Not JSON at all: said so, beside the field.
  await field.fill('{ "connection_id": ');
  await page.getByRole('button', { name: 'Send event' }).click();
  await expect.poll(() => errors.textContent()).toMatch(/^Not JSON/);
  // Positive control: the valid sample, sent the same way, arrives; the refused ones never did.
  await field.fill(JSON.stringify(sample, null, 2));
  await page.getByRole('button', { name: 'Send event' }).click();
  await expect.poll(() => harness.received.length, { timeout: 10_000 }).toBe(before + 1);
  await expect.poll(() => page.locator('table.deliveries tbody tr').count(), { timeout: 10_000 }).toBe(rows + 1);
  expect(await errors.textContent()).toBe('');
});

it('switches a failure scenario from the page', async () => {
  const card = page.locator('section.card[data-api="sidclaw"]');
  await card.locator('summary', { hasText: 'Failure scenarios' }).click();
  await card.getByLabel('Server error').selectOption('503');
  await card.getByRole('button', { name: 'Apply' }).click();
  await expect
    .poll(async () => (await fetch(`${harness.server.baseUrls.sidclaw}/api/v1/webhooks`, { headers: { authorization: 'Bearer sk_live_abc123' } })).status)
    .toBe(503);
  await card.locator('summary', { hasText: 'Failure scenarios' }).click();
  await card.getByLabel('Server error').selectOption('');
  await card.getByRole('button', { name: 'Apply' }).click();
  await expect
    .poll(async () => (await fetch(`${harness.server.baseUrls.sidclaw}/api/v1/webhooks`, { headers: { authorization: 'Bearer sk_live_abc123' } })).status)
    .toBe(200);
});

it('fills the field with the sample of the event chosen last, also when an earlier choice answers later', async () => {
  // The first choice's sample is held back until after the second one has filled the field.
  await page.route('**/_mock/sidclaw/events/agent.revoked/sample', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await route.continue();
  });
  const lateAnswer = page.waitForResponse('**/_mock/sidclaw/events/agent.revoked/sample');
  try {
    await page.getByLabel('API', { exact: true }).first().selectOption('sidclaw');
    const event = page.locator('form.send').getByLabel('Event');
    const field = page.locator('form.send textarea');
    await event.selectOption('agent.revoked');
    expect(await field.inputValue()).toBe('');
    await event.selectOption('approval.requested');
    await expect.poll(() => field.inputValue()).not.toBe('');
    const chosen = await field.inputValue();
    // Positive control: the earlier choice's answer has arrived and been read by the page
    // (its body finished, then a round trip through the page's event loop) before we look.
    await (await lateAnswer).finished();
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 0)));
    expect(await field.inputValue()).toBe(chosen);
    await page.getByRole('button', { name: 'Send event' }).click();
    await expect.poll(() => page.getByRole('status').allTextContents()).toContain('Sent to 1 endpoint.');
    expect(await page.locator('.field-errors').textContent()).toBe('');
  } finally {
    await page.unroute('**/_mock/sidclaw/events/agent.revoked/sample');
  }
});

it('has no serious or critical accessibility violations (axe-core), with a delivery open', async () => {
  await page.locator('table.deliveries tbody tr').first().getByRole('button').click();
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  const violations = await page.evaluate(async () => {
    const result = await (
      window as unknown as { axe: { run(context: Document): Promise<{ violations: Array<{ id: string; impact: string; nodes: unknown[] }> }> } }
    ).axe.run(document);
    return result.violations.map(({ id, impact, nodes }) => ({ id, impact, count: nodes.length }));
  });
  expect(violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')).toEqual([]);
});

it('reset empties the mocks and the page follows', async () => {
  await page.getByRole('button', { name: 'Reset all mocks' }).click();
  await expect.poll(() => page.locator('table.deliveries tbody tr').count()).toBe(0);
  await expect.poll(() => page.locator('section.card[data-api="sidclaw"]').textContent()).toContain('None yet');
  expect(harness.external).toEqual([]);
});
