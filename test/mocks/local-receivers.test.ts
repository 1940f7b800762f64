// The local development flow on the mock server: register a receiver on this machine over
// plain http:// (loopback), trigger an event, and the receiver verifies the signed delivery.
// The specs keep the providers' https:// rule; the mocks accept loopback http:// on top.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provenonceMockCredentials } from '../../mocks/provenonce/index.ts';
import { startMockServer, type MockServer } from '../../mocks/server.ts';
import { mockPipevestClient } from '../support/mock-pipevest-client.ts';
import { createPipevestKeyResolver } from '../../src/pipevest/key-resolver.ts';
import { createPipevestWebhookHandler } from '../../src/pipevest/webhook-handler.ts';
import { createProvenonceWebhookHandler } from '../../src/provenonce/webhook-handler.ts';
import { toNodeListener } from '../../src/webhooks/node/to-node-listener.ts';

let server: MockServer;
let receiver: Server;
let port = 0;
/** The Provenonce receiver's secret: the registration issues it, so the handler is built then. */
const received: Array<{ api: string; type: string }> = [];
const handlers = new Map<string, (req: Parameters<ReturnType<typeof toNodeListener>>[0], res: Parameters<ReturnType<typeof toNodeListener>>[1]) => void>();

beforeAll(async () => {
  server = await startMockServer({ port: 0, log: () => {} });
  const pipevest = mockPipevestClient({ baseUrl: server.baseUrls.pipevest });
  handlers.set(
    '/pipevest',
    toNodeListener(
      createPipevestWebhookHandler({
        keyResolver: createPipevestKeyResolver({ client: pipevest }),
        on: { 'WEBHOOK.CREATED': (event) => void received.push({ api: 'pipevest', type: event.type }) },
      }),
    ),
  );
  receiver = createServer((req, res) => {
    const handler = handlers.get(new URL(req.url ?? '/', 'http://x').pathname);
    if (handler) handler(req, res);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  port = (receiver.address() as AddressInfo).port;
});
afterAll(async () => {
  await server?.close({ timeoutMs: 1000 });
  receiver?.closeAllConnections();
  await new Promise<void>((resolve) => receiver?.close(() => resolve()));
});

async function waitFor<T>(read: () => T | undefined, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('loopback http:// receivers on the mock server', () => {
  it('Pipevest: POST /auth with http://localhost:<port>, then a triggered WEBHOOK.CREATED is verified by the receiver', async () => {
    const pipevest = mockPipevestClient({ baseUrl: server.baseUrls.pipevest });
    const url = `http://localhost:${port}/pipevest`;
    const auth = await pipevest.createAuth({ body: { url, subscriptions: ['ALL'] } });
    expect([auth.response?.status, auth.data?.webhook?.url]).toEqual([200, url]);
    // Registering already queued WEBHOOK.CREATED; the control route triggers one more.
    const triggered = await fetch(`${server.url}/_mock/pipevest/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"event":"WEBHOOK.CREATED"}',
    });
    expect(triggered.status).toBe(202);
    await waitFor(() => (received.filter((event) => event.api === 'pipevest').length >= 2 ? true : undefined));
    const { data: deliveries } = (await (await fetch(`${server.url}/_mock/pipevest/deliveries`)).json()) as {
      data: Array<{ url: string; state: string; lastStatus: number }>;
    };
    expect(deliveries.map(({ url: to, state, lastStatus }) => [to, state, lastStatus])).toEqual([
      [url, 'delivered', 200],
      [url, 'delivered', 200],
    ]);
  });

  it('Provenonce: PUT with http://127.0.0.1:<port>, then a triggered agent.frozen is verified by the receiver', async () => {
    const url = `http://127.0.0.1:${port}/provenonce`;
    const put = await fetch(`${server.baseUrls.provenonce}/api/v1/partner/webhook`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${provenonceMockCredentials.partnerKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ url, events: ['agent.frozen'] }),
    });
    expect(put.status).toBe(200);
    const registration = (await put.json()) as { webhook_url: string; webhook_secret: string };
    expect(registration.webhook_url).toBe(url);
    handlers.set(
      '/provenonce',
      toNodeListener(
        createProvenonceWebhookHandler({
          secret: registration.webhook_secret,
          on: { 'agent.frozen': (event) => void received.push({ api: 'provenonce', type: event.type }) },
        }),
      ),
    );
    const triggered = await fetch(`${server.url}/_mock/provenonce/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"event":"agent.frozen","data":{"agent_id":"ag_1"}}',
    });
    expect(triggered.status).toBe(202);
    await waitFor(() => received.find((event) => event.api === 'provenonce'));
    expect(received.filter((event) => event.api === 'provenonce')).toEqual([{ api: 'provenonce', type: 'agent.frozen' }]);
  });

  it.each([
    ['pipevest', 'http://[::1]:4000/hooks', 200],
    ['provenonce', 'http://[::1]:4000/hooks', 200],
    ['sidclaw', 'http://127.0.0.1:4000/hooks', 201],
    ['pipevest', 'http://example.com/hooks', 400],
    ['provenonce', 'http://10.0.0.1/hooks', 400],
    ['sidclaw', 'http://192.168.1.2/hooks', 400],
  ] as const)('%s: %s answers %i', async (api, url, status) => {
    let answer: [number | undefined, string];
    if (api === 'pipevest') {
      const client = mockPipevestClient({ baseUrl: server.baseUrls.pipevest });
      const result = await client.createAuth({ body: { url, subscriptions: ['WEBHOOK'] } });
      answer = [result.response?.status, JSON.stringify(result.error ?? result.data)];
    } else {
      const response = await (api === 'provenonce'
        ? fetch(`${server.baseUrls.provenonce}/api/v1/partner/webhook`, {
            method: 'PUT',
            headers: { authorization: 'Bearer pvp_other', 'content-type': 'application/json' },
            body: JSON.stringify({ url, events: ['agent.frozen'] }),
          })
        : fetch(`${server.baseUrls.sidclaw}/api/v1/webhooks`, {
            method: 'POST',
            headers: { authorization: 'Bearer sk_live_abc123', 'content-type': 'application/json' },
            body: JSON.stringify({ url, events: ['approval.requested'] }),
          }));
      answer = [response.status, await response.text()];
    }
    expect(answer[0]).toBe(status);
    if (status === 400) expect(answer[1]).toContain('the mock also accepts loopback http:// receivers: localhost, 127.0.0.1, [::1]');
    else expect(answer[1]).toContain(JSON.stringify(url));
  });
});
