// The Exchange client against the stateful MSW handler in setupServer: registration, every
// error, and real signed deliveries to a receiver built with createExchangeWebhookHandler,
// with failCount and the dead-letter queue.
import { createServer, type Server } from 'node:http';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as z from '../../generated/exchange/zod.gen.ts';
import { createExchangeMock, exchangeMockCredentials } from '../../mocks/exchange/index.ts';
import { createExchangeClient } from '../../src/exchange/client.ts';
import { createExchangeWebhookHandler } from '../../src/exchange/webhook-handler.ts';
import { toNodeListener } from '../../src/webhooks/node/to-node-listener.ts';

const baseUrl = 'http://exchange.test/api/v1';
const webhooksUrl = `${baseUrl}/partner/webhooks`;
const mock = createExchangeMock({ baseUrl, delivery: { maxAttempts: 3, backoff: { baseMs: 5, maxMs: 10 }, timeoutMs: 1000 } });
const server = setupServer(...mock.handlers);
const exchange = createExchangeClient({ apiKey: exchangeMockCredentials.branchKey, baseUrl, retries: 0 });

// A real receiver on 127.0.0.1 (msw lets unhandled requests through: onUnhandledFrame 'bypass').
let receiver: Server;
let receiverUrl: string;
let secretForReceiver = '';
let receiverMode: 'ok' | 'fail' | 'failOnce' | 'slow' = 'ok';
const received: Array<{ type: string; payload: unknown }> = [];
const record = (event: { type: string; payload: unknown }) => void received.push({ type: event.type, payload: event.payload });

beforeAll(async () => {
  server.listen({ onUnhandledFrame: 'bypass' });
  receiver = createServer((req, res) => {
    if (receiverMode === 'fail') return void res.writeHead(500).end();
    if (receiverMode === 'failOnce') {
      receiverMode = 'ok';
      return void res.writeHead(500).end();
    }
    // The default header is X-Signature, the one the mock sends.
    const handler = createExchangeWebhookHandler({
      secret: secretForReceiver,
      on: { 'order.created': record, 'order.status_changed': record, 'order.cancelled': record, 'offer.updated': record },
    });
    if (receiverMode === 'slow') return void setTimeout(() => toNodeListener(handler)(req, res), 1500);
    toNodeListener(handler)(req, res);
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const address = receiver.address();
  receiverUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/webhooks/exchange`;
});
afterEach(() => {
  receiverMode = 'ok';
  mock.reset();
  received.length = 0;
});
afterAll(async () => {
  server.close();
  await mock.close({ timeoutMs: 1000 });
  receiver.closeAllConnections();
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
});

const register = async (events: Array<(typeof z.zEventType.options)[number]>) => {
  const { data, response } = await exchange.registerWebhook({ body: { url: receiverUrl, events } });
  expect(response?.status).toBe(201);
  const registration = z.zRegisterWebhookResponse.parse(data);
  secretForReceiver = registration.secretKey;
  return registration;
};
const post = (headers: Record<string, string>, body: unknown = { url: receiverUrl, events: ['order.created'] }) =>
  fetch(webhooksUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

describe('Exchange registration and deliveries', () => {
  it('registers with an sk_branch_ key (201, the spec schema), then every event is delivered and verified', async () => {
    const registration = await register([...z.zEventType.options]);
    expect(registration).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      url: receiverUrl,
      events: z.zEventType.options,
      isActive: true,
      failCount: 0,
      createdAt: registration.updatedAt,
      updatedAt: expect.any(String),
      secretKey: expect.stringMatching(/^[0-9a-f]{64}$/),
      note: expect.stringContaining('it will not be shown again'),
    });
    const stored = mock.state.webhooks.get(registration.id);
    expect(stored?.secretKey).toBe(registration.secretKey);
    expect(stored?.webhook).not.toHaveProperty('secretKey');

    for (const [index, event] of z.zEventType.options.entries()) {
      const [queued, ...others] = await mock.trigger(event, { orderId: `ord_${index}` });
      expect(others).toEqual([]);
      const settled = await mock.engine.settled(queued!.id);
      expect([settled.state, settled.lastStatus, settled.attempts]).toEqual(['delivered', 200, 1]);
    }
    expect(received).toEqual(z.zEventType.options.map((type, index) => ({ type, payload: { event: type, data: { orderId: `ord_${index}` } } })));
    expect(mock.state.webhooks.get(registration.id)?.webhook.failCount).toBe(0);
  });

  it('an sk_personal_ key registers too; only subscribed registrations receive an event; default data is {}', async () => {
    const personal = createExchangeClient({ apiKey: exchangeMockCredentials.personalKey, baseUrl, retries: 0 });
    const { data, response } = await personal.registerWebhook({ body: { url: receiverUrl, events: ['offer.updated'] } });
    expect(response?.status).toBe(201);
    secretForReceiver = data!.secretKey;
    expect(await mock.trigger('order.created')).toEqual([]);
    const [queued] = await mock.trigger('offer.updated');
    expect((await mock.engine.settled(queued!.id)).state).toBe('delivered');
    expect(received).toEqual([{ type: 'offer.updated', payload: { event: 'offer.updated', data: {} } }]);
  });

  it('unknown events passed to trigger throw and name the known ones', async () => {
    await expect(mock.trigger('order.lost' as never)).rejects.toThrow(/known: .*order\.created/);
  });
});

describe('Exchange failed deliveries', () => {
  it('a receiver answering 500: dead-lettered after every attempt, failCount + 1 per failed delivery', async () => {
    const registration = await register(['order.cancelled']);
    receiverMode = 'fail';
    const [first] = await mock.trigger('order.cancelled');
    const settled = await mock.engine.settled(first!.id);
    expect([settled.state, settled.lastStatus, settled.attempts]).toEqual(['failed', 500, 3]);
    expect(mock.engine.deadLetters().map((r) => r.id)).toEqual([first!.id]);
    expect(mock.state.webhooks.get(registration.id)?.webhook.failCount).toBe(1);

    const [second] = await mock.trigger('order.cancelled');
    await mock.engine.settled(second!.id);
    const stored = mock.state.webhooks.get(registration.id)!.webhook;
    expect(stored.failCount).toBe(2);
    expect(stored.updatedAt >= stored.createdAt).toBe(true);
    expect(z.zWebhookRegistration.omit({ secretKey: true, note: true }).parse(stored)).toEqual(stored);
  });

  it('a delivery that succeeds on a retry is not a failed delivery', async () => {
    const registration = await register(['order.created']);
    receiverMode = 'failOnce';
    const [queued] = await mock.trigger('order.created');
    const settled = await mock.engine.settled(queued!.id);
    expect([settled.state, settled.attempts, settled.attemptLog.map((a) => a.status)]).toEqual(['delivered', 2, [500, 200]]);
    expect(mock.state.webhooks.get(registration.id)?.webhook.failCount).toBe(0);
  });

  it('a receiver slower than the timeout ends in the dead-letter queue', async () => {
    const registration = await register(['order.status_changed']);
    receiverMode = 'slow';
    const [queued] = await mock.trigger('order.status_changed');
    const settled = await mock.engine.settled(queued!.id);
    expect([settled.state, settled.lastStatus, settled.attempts]).toEqual(['failed', null, 3]);
    expect(settled.lastError).toMatch(/TimeoutError/);
    expect(mock.engine.deadLetters().map((r) => r.id)).toEqual([queued!.id]);
    expect(mock.state.webhooks.get(registration.id)?.webhook.failCount).toBe(1);
  });

  it('the signature is real: a receiver holding another secret answers 401', async () => {
    await register(['order.created']);
    secretForReceiver = '0'.repeat(64);
    const [queued] = await mock.trigger('order.created');
    const settled = await mock.engine.settled(queued!.id);
    expect([settled.state, settled.lastStatus]).toEqual(['failed', 401]);
    expect(received).toEqual([]);
  });
});

describe('Exchange errors', () => {
  it('403 for a pk_ key: public keys are read-only', async () => {
    const readOnly = createExchangeClient({ apiKey: exchangeMockCredentials.publicKey, baseUrl, retries: 0 });
    const { error, response } = await readOnly.registerWebhook({ body: { url: receiverUrl, events: ['order.created'] } });
    expect(response?.status).toBe(403);
    expect(z.zErrorResponse.parse(error)).toEqual({ error: 'forbidden', code: 'read_only_key', message: expect.any(String) });
    expect(mock.state.webhooks.size).toBe(0);
  });

  it('401 for a missing Authorization header and for a key of the wrong format', async () => {
    const cases: Array<[Record<string, string>, string]> = [
      [{}, 'missing_api_key'],
      [{ authorization: 'Bearer <token>' }, 'invalid_api_key'],
      [{ authorization: 'Bearer sk_live_0123456789abcdef0123456789abcdef' }, 'invalid_api_key'],
      [{ authorization: 'Bearer sk_branch_tooShort' }, 'invalid_api_key'],
      [{ authorization: `Basic ${exchangeMockCredentials.branchKey}` }, 'invalid_api_key'],
    ];
    for (const [headers, code] of cases) {
      const response = await post(headers);
      expect(response.status).toBe(401);
      expect(z.zErrorResponse.parse(await response.json())).toEqual({ error: 'unauthorized', code, message: expect.any(String) });
    }
  });

  it('400 for an invalid URL, no events, an unknown event, a non-HTTP URI, malformed JSON', async () => {
    const bodies = [
      { url: 'not a url', events: ['order.created'] },
      { url: receiverUrl, events: [] },
      { url: receiverUrl, events: ['order.lost'] },
      { events: ['order.created'] },
      { url: 'mailto:ops@example.com', events: ['order.created'] },
    ];
    for (const body of bodies) {
      const { error, response } = await exchange.registerWebhook({ body: body as never });
      expect(response?.status).toBe(400);
      expect(z.zErrorResponse.parse(error)).toMatchObject({ error: 'bad_request', code: 'validation_error' });
    }
    const malformed = await post({ authorization: `Bearer ${exchangeMockCredentials.branchKey}` }, '{"url":');
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ error: 'bad_request', code: 'invalid_json' });
    expect(mock.state.webhooks.size).toBe(0);
  });

  it('scenario switches force 429 with Retry-After, and 5xx', async () => {
    mock.scenario.set({ rateLimit: { retryAfterSeconds: 3, times: 1 }, serverError: { status: 502, times: 1 } });
    const limited = await exchange.registerWebhook({ body: { url: receiverUrl, events: ['order.created'] } });
    expect([limited.response?.status, limited.response?.headers.get('retry-after'), limited.error?.code]).toEqual([429, '3', 'rate_limited']);
    const failing = await exchange.registerWebhook({ body: { url: receiverUrl, events: ['order.created'] } });
    expect([failing.response?.status, failing.error?.error]).toEqual([502, 'server_error']);
    const ok = await exchange.registerWebhook({ body: { url: receiverUrl, events: ['order.created'] } });
    expect(ok.response?.status).toBe(201);
  });
});
