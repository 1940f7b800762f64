// The Provenonce client against the stateful MSW handlers in setupServer: the whole
// PUT → GET → deliveries → DELETE flow, every documented error, and real signed deliveries to
// a receiver built with createProvenonceWebhookHandler, including the dead-letter queue.
import { createServer, type Server } from 'node:http';
import { bypass, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as z from '../../generated/provenonce/zod.gen.ts';
import { createProvenonceMock, provenonceMockCredentials } from '../../mocks/provenonce/index.ts';
import { createProvenonceClient } from '../../src/provenonce/client.ts';
import { createProvenonceWebhookHandler } from '../../src/provenonce/webhook-handler.ts';
import { toNodeListener } from '../../src/webhooks/node/to-node-listener.ts';

const baseUrl = 'http://provenonce.test';
const webhookPath = `${baseUrl}/api/v1/partner/webhook`;
const mock = createProvenonceMock({ baseUrl, delivery: { maxAttempts: 2, backoff: { baseMs: 5, maxMs: 10 }, timeoutMs: 1000 } });
const provenonce = createProvenonceClient({ apiKey: provenonceMockCredentials.partnerKey, baseUrl, retries: 0 });

// The spec only accepts HTTPS webhook URLs, so partners register `https://hooks.partner.test/…`
// and this handler plays the TLS-terminating proxy in front of the real receiver on 127.0.0.1.
const receiverHost = 'https://hooks.partner.test';
let receiverOrigin = '';
const tlsProxy = http.post(`${receiverHost}/*`, async ({ request }) => {
  const target = new URL(request.url);
  return fetch(
    bypass(
      new Request(`${receiverOrigin}${target.pathname}${target.search}`, {
        method: 'POST',
        headers: request.headers,
        body: await request.arrayBuffer(),
        signal: request.signal,
      }),
    ),
  ).catch(() => Response.error()); // the sender gave up (timeout): the connection just drops
});
const server = setupServer(tlsProxy, ...mock.handlers);

// A real receiver on 127.0.0.1 (msw lets unhandled requests through: onUnhandledFrame 'bypass').
let receiver: Server;
let secretForReceiver = '';
let receiverMode: 'ok' | 'fail' | 'slow' = 'ok';
const received: Array<{ type: string; payload: unknown }> = [];
const record = (event: { type: string; payload: unknown }) => void received.push({ type: event.type, payload: event.payload });

beforeAll(async () => {
  server.listen({ onUnhandledFrame: 'bypass' });
  receiver = createServer((req, res) => {
    if (receiverMode === 'fail') return void res.writeHead(500).end();
    const handler = createProvenonceWebhookHandler({
      secret: secretForReceiver,
      on: { 'sigil.purchased': record, 'heartbeat.recorded': record, 'agent.frozen': record, 'agent.unfrozen': record },
    });
    if (receiverMode === 'slow') return void setTimeout(() => toNodeListener(handler)(req, res), 1500);
    toNodeListener(handler)(req, res);
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const address = receiver.address();
  receiverOrigin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});
afterEach(() => {
  receiverMode = 'ok';
  mock.scenario.clear();
  mock.reset();
  received.length = 0;
});
afterAll(async () => {
  server.close();
  await mock.close({ timeoutMs: 1000 });
  receiver.closeAllConnections();
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
});

const authorized = (apiKey: string = provenonceMockCredentials.partnerKey) => ({ authorization: `Bearer ${apiKey}` });

describe('Provenonce flow on the stateful handlers', () => {
  it('PUT → GET → every event delivered and verified → DELETE → GET not configured', async () => {
    const url = `${receiverHost}/webhooks/provenonce`;
    const put = await provenonce.putPartnerWebhook({ body: { url, events: [...z.zEventType.options] } });
    expect(put.response?.status).toBe(200);
    const registration = z.zPutPartnerWebhookResponse.parse(put.data);
    expect(registration).toEqual({ webhook_url: url, webhook_secret: expect.stringMatching(/^[0-9a-f]{64}$/), events: z.zEventType.options });
    secretForReceiver = registration.webhook_secret;

    const got = await provenonce.getPartnerWebhook();
    expect(z.zGetPartnerWebhookResponse.parse(got.data)).toEqual({ webhook_url: url, events: z.zEventType.options, configured: true });
    expect(JSON.stringify(got.data)).not.toContain(registration.webhook_secret);
    expect(got.data).not.toHaveProperty('webhook_secret');

    for (const [index, event] of z.zEventType.options.entries()) {
      const [queued, ...others] = await mock.trigger(event, { agent_id: `ag_${index}` });
      expect(others).toEqual([]);
      const settled = await mock.engine.settled(queued!.id);
      expect([settled.state, settled.lastStatus, settled.attempts]).toEqual(['delivered', 200, 1]);
    }
    expect(received).toEqual(z.zEventType.options.map((type, index) => ({ type, payload: { event: type, data: { agent_id: `ag_${index}` } } })));

    const deleted = await provenonce.deletePartnerWebhook();
    expect(z.zDeletePartnerWebhookResponse2.parse(deleted.data)).toEqual({ ok: true });
    expect(mock.state.partners.size).toBe(0);
    expect(mock.engine.list()).toEqual([]);

    const gone = await provenonce.getPartnerWebhook();
    expect(gone.response?.status).toBe(200);
    expect(gone.data).toEqual({ webhook_url: null, events: [], configured: false });
  });

  it('a new PUT replaces the configuration and issues a new secret; unsubscribed events are not sent', async () => {
    const first = await provenonce.putPartnerWebhook({ body: { url: `${receiverHost}/a`, events: ['agent.frozen'] } });
    const second = await provenonce.putPartnerWebhook({ body: { url: `${receiverHost}/b`, events: ['sigil.purchased'] } });
    expect(second.data?.webhook_secret).not.toBe(first.data?.webhook_secret);
    expect((await provenonce.getPartnerWebhook()).data).toEqual({ webhook_url: `${receiverHost}/b`, events: ['sigil.purchased'], configured: true });
    expect(await mock.trigger('agent.frozen')).toEqual([]);
  });

  it('without data, the payload comes from the generated faker factory in the { event, data } envelope', async () => {
    const { data } = await provenonce.putPartnerWebhook({ body: { url: `${receiverHost}/hooks`, events: ['heartbeat.recorded'] } });
    secretForReceiver = data!.webhook_secret;
    const [queued] = await mock.trigger('heartbeat.recorded');
    expect((await mock.engine.settled(queued!.id)).state).toBe('delivered');
    expect(received).toEqual([{ type: 'heartbeat.recorded', payload: { event: 'heartbeat.recorded', data: {} } }]);
  });

  it('each partner key has its own configuration', async () => {
    const other = createProvenonceClient({ apiKey: provenonceMockCredentials.testKey, baseUrl, retries: 0 });
    await provenonce.putPartnerWebhook({ body: { url: `${receiverHost}/a`, events: ['agent.frozen'] } });
    expect((await other.getPartnerWebhook()).data?.configured).toBe(false);
  });

  it("the document's placeholder key pvp_... works, as in its curl examples", async () => {
    const response = await fetch(webhookPath, { headers: authorized(provenonceMockCredentials.documentKey) });
    expect([response.status, await response.json()]).toEqual([200, { webhook_url: null, events: [], configured: false }]);
  });

  it('unknown events passed to trigger throw and name the known ones', async () => {
    await expect(mock.trigger('agent.melted' as never)).rejects.toThrow(/known: .*agent\.unfrozen/);
  });
});

describe('Provenonce deliveries that fail', () => {
  it('a receiver answering 500 ends in the dead-letter queue with every attempt counted', async () => {
    const { data } = await provenonce.putPartnerWebhook({ body: { url: `${receiverHost}/hooks`, events: ['agent.frozen'] } });
    secretForReceiver = data!.webhook_secret;
    receiverMode = 'fail';
    const [queued] = await mock.trigger('agent.frozen');
    const settled = await mock.engine.settled(queued!.id);
    expect([settled.state, settled.lastStatus, settled.attempts]).toEqual(['failed', 500, 2]);
    expect(mock.engine.deadLetters().map((r) => [r.id, r.attempts])).toEqual([[queued!.id, 2]]);
    expect(received).toEqual([]);
  });

  it('the signature is real: a receiver holding another secret answers 401 and the delivery is dead-lettered', async () => {
    await provenonce.putPartnerWebhook({ body: { url: `${receiverHost}/hooks`, events: ['sigil.purchased'] } });
    secretForReceiver = 'f'.repeat(64);
    const [queued] = await mock.trigger('sigil.purchased');
    const settled = await mock.engine.settled(queued!.id);
    expect([settled.state, settled.lastStatus]).toEqual(['failed', 401]);
    expect(received).toEqual([]);
  });

  it('a receiver slower than the timeout ends in the dead-letter queue too', async () => {
    const { data } = await provenonce.putPartnerWebhook({ body: { url: `${receiverHost}/hooks`, events: ['agent.unfrozen'] } });
    secretForReceiver = data!.webhook_secret;
    receiverMode = 'slow';
    const [queued] = await mock.trigger('agent.unfrozen');
    const settled = await mock.engine.settled(queued!.id);
    expect([settled.state, settled.lastStatus, settled.attempts]).toEqual(['failed', null, 2]);
    expect(settled.lastError).toMatch(/TimeoutError/);
    expect(mock.engine.deadLetters().map((r) => r.id)).toEqual([queued!.id]);
  });

  it('DELETE removes the delivery history, dead letters included', async () => {
    await provenonce.putPartnerWebhook({ body: { url: `${receiverHost}/hooks`, events: ['agent.frozen'] } });
    receiverMode = 'fail';
    const [queued] = await mock.trigger('agent.frozen');
    await mock.engine.settled(queued!.id);
    await provenonce.deletePartnerWebhook();
    expect([mock.engine.list(), mock.engine.deadLetters()]).toEqual([[], []]);
  });
});

describe('Provenonce documented errors', () => {
  it('400 WEBHOOK_INVALID for a non-HTTPS URL, no events, an unknown event, an unknown field, malformed JSON', async () => {
    const bodies = [
      { url: 'http://example.com/webhook', events: ['agent.frozen'] },
      { url: 'not a url', events: ['agent.frozen'] },
      { url: 'https://example.com/webhook', events: [] },
      { url: 'https://example.com/webhook', events: ['agent.melted'] },
      { events: ['agent.frozen'] },
      { url: 'https://example.com/webhook', events: ['agent.frozen'], secret: 'mine' },
    ];
    for (const body of bodies) {
      const { error, response } = await provenonce.putPartnerWebhook({ body: body as never });
      expect(response?.status).toBe(400);
      expect(z.zErrorResponse.parse(error).code).toBe('WEBHOOK_INVALID');
    }
    const malformed = await fetch(webhookPath, { method: 'PUT', headers: { ...authorized(), 'content-type': 'application/json' }, body: '{"url":' });
    expect(malformed.status).toBe(400);
    expect(z.zErrorResponse.parse(await malformed.json()).code).toBe('WEBHOOK_INVALID');
    expect(mock.state.partners.size).toBe(0);
  });

  it('401 AUTH_MISSING without an Authorization header, on every operation', async () => {
    for (const method of ['GET', 'PUT', 'DELETE']) {
      const response = await fetch(webhookPath, { method, headers: { 'content-type': 'application/json' }, body: method === 'PUT' ? '{}' : undefined });
      expect(response.status).toBe(401);
      expect(z.zErrorResponse.parse(await response.json())).toEqual({ error: 'Authorization header is required', code: 'AUTH_MISSING' });
    }
  });

  it('403 AUTH_FORBIDDEN for an unknown key format, a non-Bearer header, and the suspended partner', async () => {
    const headers = [
      authorized('sk_live_abc123'),
      authorized('pvx_123'),
      { authorization: 'Basic cHZwXzE6' },
      authorized(provenonceMockCredentials.suspendedKey),
    ];
    for (const header of headers) {
      const response = await fetch(webhookPath, { headers: header });
      expect(response.status).toBe(403);
      expect(z.zErrorResponse.parse(await response.json()).code).toBe('AUTH_FORBIDDEN');
    }
    const suspended = createProvenonceClient({ apiKey: provenonceMockCredentials.suspendedKey, baseUrl, retries: 0 });
    const { error, response } = await suspended.putPartnerWebhook({ body: { url: 'https://example.com/webhook', events: ['agent.frozen'] } });
    expect([response?.status, error?.code]).toEqual([403, 'AUTH_FORBIDDEN']);
  });

  it('scenario switches force 429 RATE_LIMITED with Retry-After, and 5xx', async () => {
    mock.scenario.set({ rateLimit: { retryAfterSeconds: 7, times: 1 }, serverError: { status: 503, times: 1 } });
    const limited = await provenonce.getPartnerWebhook();
    expect([limited.response?.status, limited.response?.headers.get('retry-after'), limited.error?.code]).toEqual([429, '7', 'RATE_LIMITED']);
    const failing = await fetch(webhookPath, { headers: authorized() });
    expect(failing.status).toBe(503);
    expect(await failing.json()).toMatchObject({ code: expect.any(String), error: expect.any(String) });
    expect((await provenonce.getPartnerWebhook()).response?.status).toBe(200);
  });
});
