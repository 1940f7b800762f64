// End to end through the mock HTTP server, all five APIs: endpoints registered over HTTP (or, where the
// document offers no way, directly), every documented event triggered with the admin route,
// and receivers built with this project's verifiers accept each signed delivery.
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as exchangeZod from '../../generated/exchange/zod.gen.ts';
import * as provenZod from '../../generated/proven/zod.gen.ts';
import * as pipevestZod from '../../generated/pipevest/zod.gen.ts';
import * as provenonceZod from '../../generated/provenonce/zod.gen.ts';
import * as sidclawZod from '../../generated/sidclaw/zod.gen.ts';
import { exchangeMockCredentials } from '../../mocks/exchange/index.ts';
import { provenMockCredentials } from '../../mocks/proven/index.ts';
import { provenonceMockCredentials } from '../../mocks/provenonce/index.ts';
import { startMockServer, type MockServer } from '../../mocks/server.ts';
import { sidclawMockCredentials } from '../../mocks/sidclaw/index.ts';
import { verifyExchangeWebhook } from '../../src/exchange/verify-webhook.ts';
import { mockPipevestClient } from '../support/mock-pipevest-client.ts';
import type { Json } from '../support/specs.ts';
import { createPipevestKeyResolver } from '../../src/pipevest/key-resolver.ts';
import { verifyPipevestWebhook } from '../../src/pipevest/verify-webhook.ts';
import { verifyProvenWebhook } from '../../src/proven/verify-webhook.ts';
import { verifyProvenonceWebhook } from '../../src/provenonce/verify-webhook.ts';
import { verifySidclawWebhook } from '../../src/sidclaw/verify-webhook.ts';
import { eventRegistryFrom } from '../../src/webhooks/event-registry.ts';
import { createWebhookHandler } from '../../src/webhooks/create-webhook-handler.ts';
import { toNodeListener } from '../../src/webhooks/node/to-node-listener.ts';

let server: MockServer;
let receiver: Server;
let receiverOrigin: string;
const secrets: Record<string, string> = {};
const accepted: Record<string, string[]> = { sidclaw: [], provenonce: [], exchange: [], proven: [], pipevest: [] };
let pipevestKeys: ReturnType<typeof createPipevestKeyResolver>;
const rejected: string[] = [];

const verifiers: Record<string, (request: Request) => Promise<{ type: string }>> = {
  sidclaw: (request) => verifySidclawWebhook(request, { secret: secrets.sidclaw! }),
  provenonce: (request) => verifyProvenonceWebhook(request, { secret: secrets.provenonce! }),
  exchange: (request) => verifyExchangeWebhook(request, { secret: secrets.exchange! }),
  proven: (request) => verifyProvenWebhook(request, { apiKey: provenMockCredentials.apiKey }),
  pipevest: (request) => verifyPipevestWebhook(request, { keyResolver: pipevestKeys }),
};
const events = {
  sidclaw: [...eventRegistryFrom(sidclawZod).keys()],
  provenonce: [...eventRegistryFrom(provenonceZod).keys()],
  exchange: [...eventRegistryFrom(exchangeZod).keys()],
  proven: [...eventRegistryFrom(provenZod).keys()],
  pipevest: [...eventRegistryFrom(pipevestZod).keys()],
};

beforeAll(async () => {
  server = await startMockServer({ port: 0, log: () => {}, delivery: { maxAttempts: 2, backoff: { baseMs: 5, maxMs: 10 } } });
  // One receiver; the path names the API whose verifier checks the delivery.
  receiver = createServer((req, res) => {
    const api = (req.url ?? '').split('/')[1] ?? '';
    const record = createWebhookHandler(
      async (request: Request) => {
        const event = await verifiers[api]!(request);
        accepted[api]!.push(event.type);
        return event as never;
      },
      { on: {}, onError: (error) => rejected.push(`${api}: ${(error as Error).message}`) },
    );
    toNodeListener(record)(req, res);
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const address = receiver.address();
  receiverOrigin = `http://localhost:${typeof address === 'object' && address ? address.port : 0}`;
});

afterAll(async () => {
  await server?.close({ timeoutMs: 2000 });
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
});

async function call(url: string, init: { method: string; token?: string; body?: unknown }) {
  const response = await fetch(url, {
    method: init.method,
    headers: { 'content-type': 'application/json', ...(init.token ? { authorization: `Bearer ${init.token}` } : {}) },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  return { status: response.status, body: (await response.json()) as Json };
}

describe('mock server → signed deliveries → project verifiers', () => {
  it('registers a receiver for each API', async () => {
    const sidclaw = await call(`${server.baseUrls.sidclaw}/api/v1/webhooks`, {
      method: 'POST',
      token: sidclawMockCredentials.adminKey,
      body: { url: `${receiverOrigin}/sidclaw`, events: events.sidclaw.filter((e) => e !== 'test') },
    });
    expect(sidclaw.status).toBe(201);
    secrets.sidclaw = sidclaw.body.data.secret;

    const exchange = await call(`${server.baseUrls.exchange}/partner/webhooks`, {
      method: 'POST',
      token: exchangeMockCredentials.branchKey,
      body: { url: `${receiverOrigin}/exchange`, events: events.exchange },
    });
    expect(exchange.status).toBe(201);
    secrets.exchange = exchange.body.secretKey;

    // Provenonce requires an HTTPS URL, which a loopback test receiver cannot offer: register a
    // real HTTPS URL over the API, then point the stored configuration at the receiver.
    const provenonce = await call(`${server.baseUrls.provenonce}/api/v1/partner/webhook`, {
      method: 'PUT',
      token: provenonceMockCredentials.partnerKey,
      body: { url: 'https://hooks.example.com/provenonce', events: events.provenonce },
    });
    expect(provenonce.status).toBe(200);
    secrets.provenonce = provenonce.body.webhook_secret;
    const state = server.mocks.provenonce!.state as { partners: Map<string, { webhook_url: string }> };
    state.partners.get(provenonceMockCredentials.partnerKey)!.webhook_url = `${receiverOrigin}/provenonce`;

    const proven = await call(`${server.url}/_mock/proven/endpoints`, {
      method: 'POST',
      body: { url: `${receiverOrigin}/proven`, apiKey: provenMockCredentials.apiKey },
    });
    expect(proven.status).toBe(201);

    // Pipevest: a signed POST /auth registers the webhook (https only, like Provenonce); the
    // receiver fetches the mock's delivery key through the signed client.
    const pipevest = mockPipevestClient({ baseUrl: server.baseUrls.pipevest });
    const auth = await pipevest.createAuth({ body: { url: 'https://hooks.example.com/pipevest', subscriptions: ['ALL'] } });
    expect(auth.response?.status).toBe(200);
    pipevestKeys = createPipevestKeyResolver({ client: pipevest });
    const pipevestState = server.mocks.pipevest!.state as { webhook: { url: string } };
    pipevestState.webhook.url = `${receiverOrigin}/pipevest`;
  });

  for (const api of ['sidclaw', 'provenonce', 'exchange', 'proven', 'pipevest'] as const) {
    it(`${api}: every documented event is delivered, verified and validated`, async () => {
      const ids: string[] = [];
      for (const event of events[api]) {
        const triggered = await call(`${server.url}/_mock/${api}/events`, { method: 'POST', body: { event } });
        expect(triggered.status, event).toBe(202);
        ids.push(...triggered.body.deliveries.map((d: { id: string }) => d.id));
      }
      expect(ids).toHaveLength(events[api].length);
      const mock = server.mocks[api]!;
      const records = await Promise.all(ids.map((id) => mock.engine.settled(id)));
      expect(records.map((r) => r.state)).toEqual(ids.map(() => 'delivered'));
      expect([...accepted[api]!].sort()).toEqual([...events[api]].sort());
      expect(rejected).toEqual([]);
    });
  }

  it('an unknown event is refused by the admin route with the list of known ones', async () => {
    const response = await call(`${server.url}/_mock/sidclaw/events`, { method: 'POST', body: { event: 'approval.lost' } });
    expect(response.status).toBe(400);
    expect(response.body.message).toContain('approval.requested');
  });
});
