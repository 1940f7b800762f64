// The Pipevest client against the stateful MSW handlers in setupServer, at the spec's own base
// URL: the whole POST /auth → GET /webhooks → GET /webhooks/key → PUT /webhooks → POST /auth/test
// flow, every error (bearer, client id, signature, digest, expiry, idempotent replay), and real
// signed webhook messages to a node:http receiver built with createPipevestWebhookHandler, whose
// key resolver reads GET /webhooks/key from the mock.
import { createServer, type Server } from 'node:http';
import { bypass, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as z from '../../generated/pipevest/zod.gen.ts';
import { createPipevestMock, pipevestMockCredentials, pipevestMockKeys } from '../../mocks/pipevest/index.ts';
import { createPipevestClient, type PipevestClientOptions } from '../../src/pipevest/client.ts';
import { createPipevestKeyResolver } from '../../src/pipevest/key-resolver.ts';
import type { PipevestWebhookEvent } from '../../src/pipevest/verify-webhook.ts';
import { createPipevestWebhookHandler } from '../../src/pipevest/webhook-handler.ts';
import { toNodeListener } from '../../src/webhooks/node/to-node-listener.ts';

const apiBase = 'https://api.pipevest.com/v1';
const mock = createPipevestMock({ baseUrl: apiBase, delivery: { maxAttempts: 2, backoff: { baseMs: 5, maxMs: 10 }, timeoutMs: 1000 } });

const clientOptions: PipevestClientOptions = {
  apiKey: pipevestMockCredentials.bearerToken,
  clientId: pipevestMockCredentials.clientId,
  privateKey: pipevestMockKeys.client.privateKeyPem,
  retries: 0,
};
// No baseUrl: the generated client's default, the spec's server URL, answered by the mock.
const pipevest = createPipevestClient(clientOptions);
const clientWith = (overrides: Partial<PipevestClientOptions>) => createPipevestClient({ ...clientOptions, ...overrides });

// The spec only accepts https webhook URLs: the webhook is registered at https://hooks.partner.test,
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
  ).catch(() => Response.error());
});
const server = setupServer(tlsProxy, ...mock.handlers);

let receiver: Server;
const received: PipevestWebhookEvent[] = [];
const keyResolver = createPipevestKeyResolver({ client: pipevest });
const handler = createPipevestWebhookHandler({
  keyResolver,
  // Behind the proxy the receiver sees http://127.0.0.1:<port>/…; the mock signed the public URL.
  publicUrl: (receivedUrl) => {
    const { pathname, search } = new URL(receivedUrl);
    return `${receiverHost}${pathname}${search}`;
  },
  on: { 'WEBHOOK.CREATED': (event) => void received.push(event), 'WEBHOOK.UPDATED': (event) => void received.push(event) },
});

beforeAll(async () => {
  server.listen({ onUnhandledFrame: 'bypass' });
  receiver = createServer(toNodeListener(handler));
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const address = receiver.address();
  receiverOrigin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});
afterEach(() => {
  server.resetHandlers();
  mock.reset();
  received.length = 0;
});
afterAll(async () => {
  server.close();
  await mock.close({ timeoutMs: 1000 });
  receiver.closeAllConnections();
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
});

/** Waits until every queued webhook message has settled; returns the records. */
async function settledDeliveries() {
  return Promise.all(mock.engine.list().map((record) => mock.engine.settled(record.id)));
}

const webhookUrl = `${receiverHost}/webhooks/pipevest?tenant=7`;

describe('Pipevest flow on the stateful handlers', () => {
  it('POST /auth → GET /webhooks → GET /webhooks/key → PUT /webhooks → POST /auth/test, messages verified by a real receiver', async () => {
    const before = Math.floor(Date.now() / 1000);
    const auth = await pipevest.createAuth({ body: { url: webhookUrl, subscriptions: ['ALL'] } });
    expect(auth.response?.status).toBe(200);
    const created = z.zCreateAuthResponse.parse(auth.data);
    expect(created.accessToken).toMatch(/^pv_at_[0-9a-f]{32}$/);
    expect(created.expiresIn).toBe(3600);
    const webhook = z.zWebhook.parse(created.webhook);
    expect(webhook).toEqual({
      webhookId: expect.stringMatching(/^wh_/),
      status: 'ACTIVE',
      url: webhookUrl,
      subscriptions: ['ALL'],
      createdAt: expect.any(Number),
      updatedAt: webhook.createdAt,
    });
    expect(webhook.createdAt).toBeGreaterThanOrEqual(before);
    expect(webhook.createdAt).toBeLessThan(before + 5);

    // WEBHOOK.CREATED: signed by the mock, verified with the key the resolver fetched from the mock.
    expect((await settledDeliveries()).map((r) => [r.eventType, r.state, r.lastStatus])).toEqual([['WEBHOOK.CREATED', 'delivered', 200]]);
    expect(received.map((e) => [e.type, e.keyId, e.payload])).toEqual([
      ['WEBHOOK.CREATED', pipevestMockKeys.delivery.keyId, { event: 'WEBHOOK.CREATED', data: webhook }],
    ]);
    expect(keyResolver.knownKeyIds()).toEqual([pipevestMockKeys.delivery.keyId]);

    const got = await pipevest.getWebhook();
    expect(z.zGetWebhookResponse.parse(got.data)).toEqual(webhook);

    const key = await pipevest.getWebhookPublicKey();
    expect(z.zGetWebhookPublicKeyResponse.parse(key.data)).toEqual({
      keyId: pipevestMockKeys.delivery.keyId,
      algorithm: 'ed25519',
      publicKey: pipevestMockKeys.delivery.publicKeyPem,
    });

    const updated = await pipevest.updateWebhook({ body: { url: `${receiverHost}/webhooks/v2`, subscriptions: ['WEBHOOK.UPDATED'] } });
    const entity = z.zUpdateWebhookResponse.parse(updated.data);
    expect(entity).toMatchObject({
      webhookId: webhook.webhookId,
      status: 'ACTIVE',
      url: `${receiverHost}/webhooks/v2`,
      subscriptions: ['WEBHOOK.UPDATED'],
      createdAt: webhook.createdAt,
    });
    expect(entity.updatedAt).toBeGreaterThanOrEqual(webhook.createdAt);
    await settledDeliveries();
    expect(received.at(-1)).toMatchObject({ type: 'WEBHOOK.UPDATED', payload: { event: 'WEBHOOK.UPDATED', data: entity } });

    const tested = await pipevest.testWebhook();
    expect(z.zTestWebhookResponse.parse(tested.data)).toEqual({ delivered: true, httpStatus: 200 });
    expect(received.at(-1)).toMatchObject({ type: 'WEBHOOK.UPDATED', payload: { event: 'WEBHOOK.UPDATED', test: true, data: entity } });
    expect(received.map((e) => e.type)).toEqual(['WEBHOOK.CREATED', 'WEBHOOK.UPDATED', 'WEBHOOK.UPDATED']);

    // The access token POST /auth issued works as a bearer token too (for its 3600 s).
    const withToken = clientWith({ apiKey: created.accessToken! });
    expect((await withToken.getWebhook()).response?.status).toBe(200);
  });

  it('delivers only events the subscriptions cover: ALL and WEBHOOK cover both, ACCOUNT none', async () => {
    await pipevest.createAuth({ body: { url: webhookUrl, subscriptions: ['ACCOUNT'] } });
    await pipevest.updateWebhook({ body: { url: webhookUrl, subscriptions: ['ACCOUNT'] } });
    expect(mock.engine.list()).toEqual([]);
    expect(await mock.trigger('WEBHOOK.CREATED')).toEqual([]);

    await pipevest.updateWebhook({ body: { url: webhookUrl, subscriptions: ['WEBHOOK'] } });
    expect(await mock.trigger('WEBHOOK.CREATED')).toHaveLength(1);
    await pipevest.updateWebhook({ body: { url: webhookUrl, subscriptions: ['WEBHOOK.CREATED'] } });
    expect(await mock.trigger('WEBHOOK.UPDATED')).toEqual([]);
    expect(mock.engine.list().map((r) => r.eventType)).toEqual(['WEBHOOK.UPDATED', 'WEBHOOK.CREATED']);
    await settledDeliveries();
    // Sent concurrently: the arrival order is not fixed.
    expect(received.map((e) => e.type).sort()).toEqual(['WEBHOOK.CREATED', 'WEBHOOK.UPDATED']);

    // The test message goes out whatever the subscriptions.
    expect((await pipevest.testWebhook()).data).toEqual({ delivered: true, httpStatus: 200 });
  });

  it('a repeated X-Idempotency-Key returns the first response (same status and body) without doing the work again', async () => {
    const first = await pipevest.createAuth({ body: { url: webhookUrl, subscriptions: ['ALL'] }, headers: { 'X-Idempotency-Key': 'idem-auth-1' } });
    await settledDeliveries();
    const again = await pipevest.createAuth({
      body: { url: `${receiverHost}/other`, subscriptions: ['ACCOUNT'] },
      headers: { 'X-Idempotency-Key': 'idem-auth-1' },
    });
    expect(again.response?.status).toBe(first.response?.status);
    expect(again.data).toEqual(first.data);
    expect(again.response?.headers.get('idempotent-replayed')).toBe('true');
    expect(first.response?.headers.get('idempotent-replayed')).toBeNull();
    expect(mock.state.webhook?.url).toBe(webhookUrl);
    expect(mock.engine.list()).toHaveLength(1); // one WEBHOOK.CREATED, not two

    // An error answer is kept too: the same key gets the same 404 even after a webhook exists.
    mock.reset();
    const missing = await pipevest.updateWebhook({ body: { url: webhookUrl, subscriptions: ['ALL'] }, headers: { 'X-Idempotency-Key': 'idem-put' } });
    expect([missing.response?.status, missing.error?.error]).toEqual([404, 'not_found']);
    await pipevest.createAuth({ body: { url: webhookUrl, subscriptions: ['ACCOUNT'] } });
    const replayed = await pipevest.updateWebhook({ body: { url: webhookUrl, subscriptions: ['ALL'] }, headers: { 'X-Idempotency-Key': 'idem-put' } });
    expect([replayed.response?.status, replayed.error]).toEqual([404, missing.error]);
    expect(mock.state.webhook?.subscriptions).toEqual(['ACCOUNT']);
    // The same key on another operation is another slot.
    expect((await pipevest.testWebhook({ headers: { 'X-Idempotency-Key': 'idem-put' } })).response?.status).toBe(200);
  });
});

describe('Pipevest errors on the stateful handlers', () => {
  it('no bearer token, an unknown token, a wrong X-Client-Id: 401', async () => {
    const noBearer = await fetch(`${apiBase}/webhooks`, { headers: { 'x-client-id': '123456' } });
    expect([noBearer.status, z.zErrorResponse.parse(await noBearer.json()).error]).toEqual([401, 'invalid_token']);
    const unknown = await clientWith({ apiKey: 'not-a-token' }).getWebhook();
    expect([unknown.response?.status, unknown.error?.error]).toEqual([401, 'invalid_token']);
    const otherClient = await clientWith({ clientId: '999999' }).getWebhookPublicKey();
    expect([otherClient.response?.status, otherClient.error?.error]).toEqual([401, 'invalid_client']);
  });

  it('a signature by another key, an unknown keyid, an expired signature: 401 invalid_signature', async () => {
    const otherKey = await clientWith({ privateKey: pipevestMockKeys.delivery.privateJwk }).getWebhookPublicKey();
    expect([otherKey.response?.status, otherKey.error?.error]).toEqual([401, 'invalid_signature']);
    expect(otherKey.error?.message).toMatch(/^signature_mismatch: /);
    const unknownKeyId = await clientWith({ keyId: 'someone-else' }).getWebhookPublicKey();
    expect(unknownKeyId.error?.message).toMatch(/^unknown_key: /);
    const expired = await clientWith({ now: () => Math.floor(Date.now() / 1000) - 3600 }).getWebhookPublicKey();
    expect([expired.response?.status, expired.error?.error]).toEqual([401, 'invalid_signature']);
    expect(expired.error?.message).toMatch(/^signature_expired: /);
    const unsigned = await fetch(`${apiBase}/webhooks/key`, { headers: { authorization: 'Bearer 123456', 'x-client-id': '123456' } });
    expect((await unsigned.json()).message).toMatch(/^missing_header: /);
  });

  it('a body changed after signing: 401 digest_mismatch, and nothing is registered', async () => {
    // The transport runs after signing: it swaps one character of the body (same length).
    const tampering: typeof fetch = async (input, init) => {
      const signed = new Request(input, init);
      const body = (await signed.text()).replace('webhook2', 'webhook3');
      return fetch(new Request(signed, { body }));
    };
    const { response, error } = await clientWith({ fetch: tampering }).createAuth({ body: { url: 'https://companyx.com/webhook2', subscriptions: ['ALL'] } });
    expect([response?.status, error?.error]).toEqual([401, 'digest_mismatch']);
    expect(mock.state.webhook).toBeUndefined();
  });

  it("accepts the document's capitalised Signature-Input", async () => {
    const capitalise: typeof fetch = async (input, init) => {
      const signed = new Request(input, init);
      const headers = new Headers();
      signed.headers.forEach((value, name) => {
        headers.set(name, value);
      });
      headers.set(
        'signature-input',
        headers.get('signature-input')!.replace(/"([a-z][a-z-]*)"/g, (_, name: string) => `"${name.replace(/(^|-)[a-z]/g, (c) => c.toUpperCase())}"`),
      );
      expect(headers.get('signature-input')).toMatch(
        /^sig1=\("Authorization" "Content-Digest" "Content-Length" "Content-Type" "X-Client-Id" "X-Idempotency-Key" "@method"/,
      );
      return fetch(new Request(signed, { headers }));
    };
    const { response } = await clientWith({ fetch: capitalise }).createAuth({ body: { url: webhookUrl, subscriptions: ['ACCOUNT'] } });
    expect(response?.status).toBe(200);
  });

  it('404 before any registration, 400 for a non-https URL or an unknown subscription', async () => {
    expect((await pipevest.getWebhook()).error).toEqual({ error: 'not_found', message: expect.any(String) });
    expect((await pipevest.updateWebhook({ body: { url: webhookUrl, subscriptions: ['ALL'] } })).response?.status).toBe(404);
    expect((await pipevest.testWebhook()).response?.status).toBe(404);
    const insecure = await pipevest.createAuth({ body: { url: 'http://companyx.com/webhook2', subscriptions: ['ALL'] } });
    expect([insecure.response?.status, insecure.error?.error]).toEqual([400, 'invalid_request']);
    const unknown = await pipevest.createAuth({ body: { url: webhookUrl, subscriptions: ['EVERYTHING' as 'ALL'] } });
    expect(unknown.response?.status).toBe(400);
  });

  it('the test message reports a receiver that refuses it', async () => {
    await pipevest.createAuth({ body: { url: `${receiverHost}/wrong-key`, subscriptions: ['ACCOUNT'] } });
    // A receiver that trusts another key answers 401: POST /auth/test reports it.
    const strict = createPipevestWebhookHandler({ publicKey: pipevestMockKeys.client.publicKeyPem, on: {} });
    server.use(http.post(`${receiverHost}/wrong-key`, ({ request }) => strict(request)));
    const { data } = await pipevest.testWebhook();
    expect(data).toEqual({ delivered: false, httpStatus: 401, error: 'The webhook URL answered 401.' });
  });

  it('a forced 503 on a GET is retried by the client, and the retry verifies', async () => {
    mock.scenario.set({ serverError: { status: 503, times: 1 } });
    const { response } = await clientWith({ retries: 1 }).getWebhookPublicKey();
    expect(response?.status).toBe(200);
  });
});
