// The SidClaw client against the stateful MSW handlers in setupServer: whole flows and every
// documented error, plus real signed deliveries to a receiver built with verifySidclawWebhook.
import { createServer, type Server } from 'node:http';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as z from '../../generated/sidclaw/zod.gen.ts';
import { createSidclawMock, sidclawMockCredentials } from '../../mocks/sidclaw/index.ts';
import { createSidclawClient } from '../../src/sidclaw/client.ts';
import { createSidclawWebhookHandler } from '../../src/sidclaw/webhook-handler.ts';
import { toNodeListener } from '../../src/webhooks/node/to-node-listener.ts';

const baseUrl = 'http://sidclaw.test';
const mock = createSidclawMock({ baseUrl, delivery: { maxAttempts: 2, backoff: { baseMs: 5, maxMs: 10 } } });
const server = setupServer(...mock.handlers);
const sidclaw = createSidclawClient({ apiKey: sidclawMockCredentials.adminKey, baseUrl, retries: 0 });

// A real receiver on 127.0.0.1 (msw lets loopback requests through: onUnhandledFrame 'bypass').
let receiver: Server;
let receiverUrl: string;
let secretForReceiver = '';
const received: Array<{ type: string; deliveryId?: string }> = [];
let receiverStatus = 200;

beforeAll(async () => {
  server.listen({ onUnhandledFrame: 'bypass' });
  receiver = createServer((req, res) => {
    if (receiverStatus !== 200) return void res.writeHead(receiverStatus).end();
    const handler = createSidclawWebhookHandler({
      secret: secretForReceiver,
      on: {
        'approval.requested': (event) => void received.push({ type: event.type, deliveryId: event.deliveryId }),
        test: (event) => void received.push({ type: event.type, deliveryId: event.deliveryId }),
      },
    });
    toNodeListener(handler)(req, res);
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const address = receiver.address();
  receiverUrl = `http://localhost:${typeof address === 'object' && address ? address.port : 0}/hooks`;
});
afterEach(() => {
  receiverStatus = 200;
  mock.scenario.clear();
});
afterAll(async () => {
  server.close();
  await mock.close({ timeoutMs: 1000 });
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
});

describe('SidClaw flow on the stateful handlers', () => {
  it('create → get → list → update → test → deliveries → delete', async () => {
    const created = await sidclaw.createWebhook({ body: { url: receiverUrl, events: ['approval.requested'], description: 'ci' } });
    expect(created.response?.status).toBe(201);
    const endpoint = z.zCreateWebhookResponse.parse(created.data).data;
    expect(endpoint.secret).toMatch(/^[0-9a-f]{64}$/);
    secretForReceiver = endpoint.secret;

    const got = await sidclaw.getWebhook({ path: { id: endpoint.id } });
    expect(z.zGetWebhookResponse.parse(got.data).data).toEqual({
      id: endpoint.id,
      url: receiverUrl,
      events: ['approval.requested'],
      is_active: true,
      description: 'ci',
      created_at: endpoint.created_at,
    });
    expect(JSON.stringify(got.data)).not.toContain(endpoint.secret);

    const listed = await sidclaw.listWebhooks();
    expect(z.zListWebhooksResponse.parse(listed.data).data.map((e) => e.id)).toContain(endpoint.id);
    expect(JSON.stringify(listed.data)).not.toContain('secret');

    const updated = await sidclaw.updateWebhook({ path: { id: endpoint.id }, body: { description: null } });
    expect(z.zUpdateWebhookResponse.parse(updated.data).data).toMatchObject({ description: null, events: ['approval.requested'], url: receiverUrl });

    const tested = await sidclaw.testWebhook({ path: { id: endpoint.id } });
    const result = z.zTestWebhookResponse.parse(tested.data);
    expect(result).toMatchObject({ delivered: true, http_status: 200 });
    expect(received.at(-1)?.type).toBe('test');

    const [queued] = await mock.trigger('approval.requested', { approval_id: 'ap_1' });
    await mock.engine.settled(queued!.id);
    expect(received.at(-1)).toEqual({ type: 'approval.requested', deliveryId: queued!.id });

    const deliveries = await sidclaw.listWebhookDeliveries({ path: { id: endpoint.id } });
    const history = z.zListWebhookDeliveriesResponse.parse(deliveries.data).data;
    expect(history.map((d) => [d.event_type, d.status, d.http_status, d.attempts])).toEqual([
      ['approval.requested', 'delivered', 200, 1],
      ['test', 'delivered', 200, 1],
    ]);

    const deleted = await sidclaw.deleteWebhook({ path: { id: endpoint.id } });
    expect(deleted.response?.status).toBe(204);
    expect(mock.engine.list((r) => (r.meta as { endpointId: string }).endpointId === endpoint.id)).toEqual([]);
    const gone = await sidclaw.getWebhook({ path: { id: endpoint.id } });
    expect(gone.response?.status).toBe(404);
  });

  it('a failing receiver ends in the dead-letter queue with every attempt recorded', async () => {
    const { data } = await sidclaw.createWebhook({ body: { url: receiverUrl, events: ['approval.requested'] } });
    secretForReceiver = data!.data.secret;
    receiverStatus = 500;
    const [queued] = await mock.trigger('approval.requested');
    const record = await mock.engine.settled(queued!.id);
    expect(record.state).toBe('failed');
    expect(record.attempts).toBe(2);
    expect(mock.engine.deadLetters().map((r) => r.id)).toContain(queued!.id);
    const history = await sidclaw.listWebhookDeliveries({ path: { id: data!.data.id }, query: { status: 'failed' } });
    expect(history.data?.data.map((d) => [d.status, d.http_status, d.attempts])).toEqual([['failed', 500, 2]]);
  });
});

describe('SidClaw documented errors', () => {
  it('403 forbidden without a key, or with a key lacking admin scope', async () => {
    for (const apiKey of [undefined, sidclawMockCredentials.readOnlyKey]) {
      const response = await fetch(`${baseUrl}/api/v1/webhooks`, { headers: apiKey ? { authorization: `Bearer ${apiKey}` } : {} });
      expect(response.status).toBe(403);
      expect((await response.json()).error).toBe('forbidden');
    }
  });

  it('400 validation_error for a non-HTTPS URL, no events, an unknown event, malformed JSON', async () => {
    const bodies = [
      { url: 'http://example.com/hook', events: ['approval.requested'] },
      { url: 'https://example.com/hook', events: [] },
      { url: 'https://example.com/hook', events: ['approval.lost'] },
    ];
    for (const body of bodies) {
      const { error, response } = await sidclaw.createWebhook({ body: body as never });
      expect(response?.status).toBe(400);
      expect(error?.error).toBe('validation_error');
    }
    const malformed = await fetch(`${baseUrl}/api/v1/webhooks`, {
      method: 'POST',
      headers: { authorization: `Bearer ${sidclawMockCredentials.adminKey}`, 'content-type': 'application/json' },
      body: '{"url":',
    });
    expect(malformed.status).toBe(400);
    expect((await malformed.json()).error).toBe('validation_error');
  });

  it('accepts http://localhost URLs (development), as the document allows', async () => {
    const { response } = await sidclaw.createWebhook({ body: { url: 'http://localhost:3000/hook', events: ['trace.completed'] } });
    expect(response?.status).toBe(201);
  });

  it('404 not_found for unknown ids on get, update, delete, deliveries and test', async () => {
    const path = { id: 'wh-missing' };
    const results = await Promise.all([
      sidclaw.getWebhook({ path }),
      sidclaw.updateWebhook({ path, body: { is_active: false } }),
      sidclaw.deleteWebhook({ path }),
      sidclaw.listWebhookDeliveries({ path }),
      sidclaw.testWebhook({ path }),
    ]);
    expect(results.map((r) => [r.response?.status, (r.error as { error?: string } | undefined)?.error])).toEqual(Array(5).fill([404, 'not_found']));
  });

  it('limit defaults to 20 and is capped at 100', async () => {
    const { data } = await sidclaw.createWebhook({ body: { url: 'https://example.invalid/hook', events: ['policy.updated'] } });
    const id = data!.data.id;
    for (let i = 0; i < 120; i++)
      mock.engine.enqueue({ url: 'https://example.invalid/hook', eventType: 'policy.updated', body: '{}', meta: { endpointId: id }, maxAttempts: 1 });
    const byDefault = await sidclaw.listWebhookDeliveries({ path: { id } });
    expect(byDefault.data?.data).toHaveLength(20);
    const capped = await fetch(`${baseUrl}/api/v1/webhooks/${id}/deliveries?limit=500`, {
      headers: { authorization: `Bearer ${sidclawMockCredentials.adminKey}` },
    });
    expect((await capped.json()).data).toHaveLength(100);
    for (const query of ['limit=0', 'limit=ten', 'status=lost']) {
      const invalid = await fetch(`${baseUrl}/api/v1/webhooks/${id}/deliveries?${query}`, {
        headers: { authorization: `Bearer ${sidclawMockCredentials.adminKey}` },
      });
      expect([invalid.status, ((await invalid.json()) as { error: string }).error], query).toEqual([400, 'validation_error']);
    }
    mock.engine.remove((r) => (r.meta as { endpointId: string }).endpointId === id);
  });

  it('scenario switches force 429 with Retry-After, and 5xx', async () => {
    mock.scenario.set({ rateLimit: { retryAfterSeconds: 7, times: 1 }, serverError: { status: 503, times: 1 } });
    const first = await fetch(`${baseUrl}/api/v1/webhooks`, { headers: { authorization: `Bearer ${sidclawMockCredentials.adminKey}` } });
    expect([first.status, first.headers.get('retry-after')]).toEqual([429, '7']);
    const second = await fetch(`${baseUrl}/api/v1/webhooks`, { headers: { authorization: `Bearer ${sidclawMockCredentials.adminKey}` } });
    expect(second.status).toBe(503);
    const third = await fetch(`${baseUrl}/api/v1/webhooks`, { headers: { authorization: `Bearer ${sidclawMockCredentials.adminKey}` } });
    expect(third.status).toBe(200);
  });
});
