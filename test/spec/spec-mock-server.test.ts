// `hookspec mock --spec`: the mock server hosts an API known only from its spec beside the five,
// answering its operations, recording violations, and delivering signed events with retries
// and dead letters to receivers registered through its control routes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer, type MockServer } from '../../mocks/server.ts';
import { loadSpecApi } from '../../src/apis/load-spec-api.ts';
import { apiNames } from '../../src/apis/index.ts';
import { standardWebhooksVerifier, startReceiver, type TestReceiver } from '../support/spec-receivers.ts';

let server: MockServer;
let good: TestReceiver;
let failing: TestReceiver;

beforeAll(async () => {
  const spec = await loadSpecApi('test/fixtures/specs/acme-notify.yaml', { builtInNames: apiNames });
  server = await startMockServer({ port: 0, log: false, specs: [spec], apis: ['sidclaw'], delivery: { maxAttempts: 2, backoff: { baseMs: 10, maxMs: 20 } } });
  good = await startReceiver(standardWebhooksVerifier([]));
  failing = await startReceiver(() => false);
});
afterAll(async () => {
  await server?.close({ timeoutMs: 2_000 });
  await good?.close();
  await failing?.close();
});

const post = (path: string, body: unknown) =>
  fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('a spec-only API on the mock server', () => {
  it('is served under /<name> plus the path of its first server URL, beside the built-in APIs', async () => {
    expect(server.baseUrls['acme-notify']).toBe(`${server.url}/acme-notify/v1`);
    expect(Object.keys(server.mocks).sort()).toEqual(['acme-notify', 'sidclaw']);
    const response = await fetch(`${server.baseUrls['acme-notify']}/invoices/inv_42`);
    expect(response.status).toBe(200);
    expect(((await response.json()) as { id: string }).id).toMatch(/^inv_/);
  });

  it('records a request that breaks the spec as a violation, as for the five APIs', async () => {
    server.clearViolations();
    const response = await fetch(`${server.baseUrls['acme-notify']}/invoices`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer any-token' },
      body: JSON.stringify({ amount: 'ten', currency: 'EUR' }),
    });
    expect(response.status).toBe(400);
    expect(server.violations().map((v) => [v.api, v.operationId, v.location, v.status])).toEqual([['acme-notify', 'createInvoice', 'body.amount', 400]]);
    // The spec requires a bearer token on every operation: a request without one is a violation too.
    server.clearViolations();
    await post('/acme-notify/v1/invoices', { amount: 10, currency: 'EUR' });
    expect(server.violations().map((v) => [v.operationId, v.location])).toEqual([['createInvoice', 'header.authorization']]);
  });

  it('registers a receiver (making a whsec_ secret when none is given) and delivers a signed event it verifies', async () => {
    const registered = await post('/_mock/acme-notify/endpoints', { url: good.url });
    expect(registered.status).toBe(201);
    const { secret } = (await registered.json()) as { url: string; secret: string };
    expect(secret).toMatch(/^whsec_/);
    const verifying = await startReceiver(standardWebhooksVerifier([secret]));
    try {
      await post('/_mock/acme-notify/endpoints', { url: verifying.url, secret });
      const sent = await post('/_mock/acme-notify/events', { event: 'invoice.paid', data: { id: 'inv_7', amount: 70 } });
      expect(sent.status).toBe(202);
      const { deliveries } = (await sent.json()) as { deliveries: Array<{ id: string; url: string }> };
      expect(deliveries.map((d) => d.url).sort()).toEqual([good.url, verifying.url].sort());
      await expect.poll(() => verifying.accepted.length, { timeout: 10_000 }).toBe(1);
      expect(JSON.parse(verifying.accepted[0]!.body)).toMatchObject({ type: 'invoice.paid', data: { id: 'inv_7', amount: 70 } });
    } finally {
      await verifying.close();
    }
  });

  it('retries a receiver that refuses, then dead-letters the delivery', async () => {
    await post('/_mock/reset', {});
    await post('/_mock/acme-notify/endpoints', { url: failing.url });
    const sent = (await (await post('/_mock/acme-notify/events', { event: 'invoice.voided' })).json()) as { deliveries: Array<{ id: string }> };
    const id = sent.deliveries[0]!.id;
    await expect
      .poll(
        async () => ((await (await fetch(`${server.url}/_mock/acme-notify/dead-letters`)).json()) as { data: Array<{ id: string }> }).data.map((d) => d.id),
        {
          timeout: 10_000,
        },
      )
      .toEqual([id]);
    const deliveries = (await (await fetch(`${server.url}/_mock/acme-notify/deliveries`)).json()) as {
      data: Array<{ id: string; attempts: number; state: string }>;
    };
    expect(deliveries.data.find((d) => d.id === id)).toMatchObject({ attempts: 2, state: 'failed' });
  });

  it('refuses a receiver URL outside the rule and an event the spec does not send', async () => {
    const badUrl = await post('/_mock/acme-notify/endpoints', { url: 'http://example.com/hooks' });
    expect(badUrl.status).toBe(400);
    const badEvent = await post('/_mock/acme-notify/events', { event: 'invoice.refunded' });
    expect(badEvent.status).toBe(400);
    expect(((await badEvent.json()) as { message: string }).message).toContain('known: invoice.paid, invoice.voided');
  });
});

describe('the inspector page shows a spec-only API', () => {
  it('lists it in the overview with its events, registered receivers (secret included) and operations', async () => {
    await post('/_mock/reset', {});
    await post('/_mock/acme-notify/endpoints', { url: good.url, secret: 'whsec_c2VjcmV0LW9mLXRoZS1pbnNwZWN0b3I=' });
    const overview = (await (await fetch(`${server.url}/_mock/overview`)).json()) as {
      apis: Array<{ api: string; events: string[]; endpoints: Array<{ url: string; secret: string }>; dataKey: string; docs: string | null }>;
    };
    const card = overview.apis.find((api) => api.api === 'acme-notify')!;
    expect(card).toMatchObject({ events: ['invoice.paid', 'invoice.voided'], dataKey: 'data', docs: null });
    expect(card.endpoints).toEqual([expect.objectContaining({ url: good.url, secret: 'whsec_c2VjcmV0LW9mLXRoZS1pbnNwZWN0b3I=' })]);
    const operations = (await (await fetch(`${server.url}/_mock/acme-notify/operations`)).json()) as { data: Array<{ method: string; path: string }> };
    expect(operations.data.map((op) => `${op.method} ${op.path}`)).toEqual(['POST /invoices', 'GET /invoices/{id}']);
  });

  it("the send form gets the event's sample data, refuses data off the spec, and sends valid data", async () => {
    const sample = (await (await fetch(`${server.url}/_mock/acme-notify/events/invoice.voided/sample`)).json()) as { data: unknown };
    expect(sample.data).toEqual({ id: 'inv_9', reason: 'duplicate' });
    const refused = await post('/_mock/acme-notify/send', { event: 'invoice.paid', data: { id: 'inv_1', amount: -1 } });
    expect(refused.status).toBe(422);
    expect(((await refused.json()) as { issues: Array<{ path: string }> }).issues.map((issue) => issue.path)).toEqual(['amount']);
    const sent = await post('/_mock/acme-notify/send', { event: 'invoice.paid', data: { id: 'inv_1', amount: 1 } });
    expect(sent.status).toBe(202);
  });
});
