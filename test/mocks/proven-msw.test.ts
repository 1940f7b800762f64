// The Proven sender mock against a real receiver built with createProvenWebhookHandler: every
// event delivered with the document's headers and accepted, and a wrong X-API-Key rejected
// until the delivery is dead-lettered. Proven has no management API, so there is no client.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as z from '../../generated/proven/zod.gen.ts';
import { createProvenMock, provenMockCredentials, type ProvenMockEvent } from '../../mocks/proven/index.ts';
import { createProvenWebhookHandler } from '../../src/proven/webhook-handler.ts';
import { eventRegistryFrom } from '../../src/webhooks/event-registry.ts';
import { toNodeListener } from '../../src/webhooks/node/to-node-listener.ts';

/** The six wire event types, read from the generated validators. */
const events = [...eventRegistryFrom(z).keys()] as ProvenMockEvent[];

const mock = createProvenMock({ delivery: { maxAttempts: 2, backoff: { baseMs: 5, maxMs: 10 }, timeoutMs: 1000 } });

let receiver: Server;
let receiverUrl: string;
const received: Array<{ type: string; payload: unknown; headers: IncomingHttpHeaders }> = [];
let lastHeaders: IncomingHttpHeaders = {};
const record = (event: { type: string; payload: unknown }) => void received.push({ type: event.type, payload: event.payload, headers: lastHeaders });

beforeAll(async () => {
  const on = Object.fromEntries(events.map((type) => [type, record]));
  const listener = toNodeListener(createProvenWebhookHandler({ apiKey: provenMockCredentials.apiKey, on }));
  receiver = createServer((req, res) => {
    lastHeaders = req.headers;
    listener(req, res);
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const address = receiver.address();
  receiverUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/webhooks/proven`;
});
afterEach(() => {
  mock.reset();
  received.length = 0;
});
afterAll(async () => {
  await mock.close({ timeoutMs: 1000 });
  receiver.closeAllConnections();
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
});

describe('Proven deliveries', () => {
  it('has no operations to mock', () => {
    expect(mock.handlers).toEqual([]);
    expect(events).toHaveLength(6);
  });

  it("delivers all six events with the document's headers; the receiver accepts every one", async () => {
    mock.state.endpoints.push({ url: receiverUrl, apiKey: provenMockCredentials.apiKey });
    for (const event of events) {
      const [queued, ...others] = await mock.trigger(event);
      expect(others).toEqual([]);
      const settled = await mock.engine.settled(queued!.id);
      expect([event, settled.state, settled.lastStatus, settled.attempts]).toEqual([event, 'delivered', 200, 1]);
      expect(JSON.parse(settled.attemptLog[0]?.responseBody ?? '{}')).toMatchObject({ received: true, type: event, handled: true });
    }
    expect(received.map((r) => r.type)).toEqual(events);
    for (const { type, payload, headers } of received) {
      expect(Object.keys(payload as object)).toEqual(['event', 'webhook']);
      expect((payload as { event: string }).event).toBe(type);
      expect(headers).toMatchObject({
        'content-type': 'application/json',
        'x-api-key': provenMockCredentials.apiKey,
        'user-agent': 'node-fetch/1.0',
        'accept-encoding': 'gzip,deflate',
      });
      expect(Number(headers['content-length'])).toBeGreaterThan(0);
    }
  });

  it("sends the caller's data as the webhook object", async () => {
    mock.state.endpoints.push({ url: receiverUrl, apiKey: provenMockCredentials.apiKey });
    const webhook = {
      connection_id: '13eeacd4-0c4e-495e-81cc-d66c6eeb8545',
      message_id: 'f1bd3f5c-4f7e-4d4d-9c9b-8f8e5a6b7c8d',
      content: 'Hello',
      state: 'received',
      sent_time: '2025-03-13T22:14:41.138935Z',
      locale: 'en',
      wallet_id: 'f161e7a3-9a88-4f2c-a988-cc9cf3fbea2f',
    };
    const [queued] = await mock.trigger('basic-message:received', webhook);
    expect((await mock.engine.settled(queued!.id)).state).toBe('delivered');
    expect(received.map((r) => r.payload)).toEqual([{ event: 'basic-message:received', webhook }]);
  });

  it('delivers to every endpoint in state, with or without a key', async () => {
    const openReceiver = `${receiverUrl}?open`;
    mock.state.endpoints.push({ url: receiverUrl, apiKey: provenMockCredentials.apiKey }, { url: openReceiver });
    const deliveries = await mock.trigger('connection:completed');
    expect(deliveries.map((d) => d.url)).toEqual([receiverUrl, openReceiver]);
    const settled = await Promise.all(deliveries.map((d) => mock.engine.settled(d.id)));
    // The receiver requires the key, so the endpoint without one is refused.
    expect(settled.map((r) => [r.state, r.lastStatus])).toEqual([
      ['delivered', 200],
      ['failed', 401],
    ]);
  });

  it('a wrong X-API-Key is rejected with 401 and the delivery ends in the dead-letter queue', async () => {
    mock.state.endpoints.push({ url: receiverUrl, apiKey: 'not-the-key' });
    const [queued] = await mock.trigger('credentials:done');
    const settled = await mock.engine.settled(queued!.id);
    expect([settled.state, settled.lastStatus, settled.attempts]).toEqual(['failed', 401, 2]);
    expect(JSON.parse(settled.attemptLog[0]?.responseBody ?? '{}')).toMatchObject({ error: 'signature_mismatch' });
    expect(mock.engine.deadLetters().map((r) => r.id)).toEqual([queued!.id]);
    expect(received).toEqual([]);
  });

  it('endpoints given at creation are used, and reset() returns to them', async () => {
    const seeded = createProvenMock({ endpoints: [{ url: receiverUrl, apiKey: provenMockCredentials.apiKey }] });
    seeded.state.endpoints.push({ url: `${receiverUrl}?extra` });
    seeded.reset();
    expect(seeded.state.endpoints).toEqual([{ url: receiverUrl, apiKey: provenMockCredentials.apiKey }]);
    const [queued] = await seeded.trigger('presentation:verified');
    expect((await seeded.engine.settled(queued!.id)).state).toBe('delivered');
    await seeded.close({ timeoutMs: 1000 });
  });

  it('unknown events throw and name the known ones; aliases from the document are not wire types', async () => {
    await expect(mock.trigger('webhook:basic-message' as never)).rejects.toThrow(/known: .*basic-message:received/);
  });
});
