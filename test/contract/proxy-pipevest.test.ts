// The Pipevest flow against the mock HTTP server through `prism proxy`, which validates every
// request and response against openapi/pipevest.yaml: any `sl-violations` header fails the run,
// and every request must carry a signature the mock verifies.
//
// Behind the proxy, the URL the client signs (`@target-uri`, Prism's http://127.0.0.1:<port>/…)
// is not the one the mock receives: Prism drops `Host` and forwards to the upstream URL
// (http://127.0.0.1:<mock port>/pipevest/v1/…), adding no X-Forwarded-* headers. The mock
// therefore verifies against the URL the request arrived at, one described by X-Forwarded-*
// headers, and the public base URLs it is told about: here Prism's, with `addPublicBaseUrl`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as z from '../../generated/pipevest/zod.gen.ts';
import { pipevestMockKeys, type PipevestMock } from '../../mocks/pipevest/index.ts';
import { recordPrismViolations } from '../support/prism-violations.ts';
import { startPrism, type PrismInstance } from '../../mocks/prism/start-prism.ts';
import { startMockServer, type MockServer } from '../../mocks/server.ts';
import type { PipevestClient, PipevestClientOptions } from '../../src/pipevest/client.ts';
import { mockPipevestClient } from '../support/mock-pipevest-client.ts';
import { refusingPort, type RefusingPort } from '../support/refusing-port.ts';

let mockServer: MockServer;
let mock: PipevestMock;
let prism: PrismInstance;
let options: Partial<PipevestClientOptions>;
let pipevest: PipevestClient;
let webhookUrl: string;
let refusing: RefusingPort | undefined;
// Records every violation Prism reports, on every response the client sees.
const { fetch: recordingFetch, violations } = recordPrismViolations();

beforeAll(async () => {
  mockServer = await startMockServer({ port: 0, apis: ['pipevest'], log: () => {}, delivery: { maxAttempts: 1, timeoutMs: 2000 } });
  mock = mockServer.mocks.pipevest as PipevestMock;
  prism = await startPrism('openapi/pipevest.yaml', { mode: 'proxy', upstream: mockServer.baseUrls.pipevest });
  // Nothing listens there, nor can start to: webhook messages to it fail fast (connection refused).
  refusing = await refusingPort();
  webhookUrl = `https://127.0.0.1:${refusing.port}/webhooks/pipevest`;
  options = { privateKey: pipevestMockKeys.client.privateJwk, baseUrl: prism.url, fetch: recordingFetch };
  pipevest = mockPipevestClient(options);
});
afterAll(async () => {
  await prism?.stop();
  await mockServer?.close({ timeoutMs: 1000 });
  await refusing?.close();
});

describe('Pipevest through prism proxy', () => {
  it("before the mock knows the proxy's URL, it refuses the proxied signature (the client signed Prism's @target-uri)", async () => {
    const { response, error } = await pipevest.getWebhookPublicKey();
    expect([response?.status, error?.error]).toEqual([401, 'invalid_signature']);
    expect(error?.message).toMatch(/^signature_mismatch: .*@target-uri tried: http:\/\/127\.0\.0\.1:\d+\/pipevest\/v1\/webhooks\/key/);
    // Directly against the mock (no proxy) the same client configuration is accepted.
    const direct = mockPipevestClient({ ...options, baseUrl: mockServer.baseUrls.pipevest, fetch: undefined });
    expect((await direct.getWebhookPublicKey()).response?.status).toBe(200);
    mock.addPublicBaseUrl(prism.url);
  });

  it('the whole flow passes Prism validation, with signatures the mock verifies', async () => {
    const auth = await pipevest.createAuth({ body: { url: webhookUrl, subscriptions: ['ALL'] } });
    expect(auth.response?.status).toBe(200);
    const webhook = z.zWebhook.parse(z.zCreateAuthResponse.parse(auth.data).webhook);
    expect(auth.data?.expiresIn).toBe(3600);

    expect(z.zGetWebhookResponse.parse((await pipevest.getWebhook()).data)).toEqual(webhook);
    const key = await pipevest.getWebhookPublicKey();
    expect(z.zGetWebhookPublicKeyResponse.parse(key.data)).toMatchObject({ keyId: pipevestMockKeys.delivery.keyId, algorithm: 'ed25519' });

    const updated = await pipevest.updateWebhook({ body: { url: webhookUrl, subscriptions: ['WEBHOOK'] } });
    expect(z.zUpdateWebhookResponse.parse(updated.data)).toMatchObject({ webhookId: webhook.webhookId, subscriptions: ['WEBHOOK'] });

    // Nothing listens at the webhook URL: the test reports the failure.
    const tested = await pipevest.testWebhook();
    expect(tested.response?.status).toBe(200);
    expect(z.zTestWebhookResponse.parse(tested.data)).toMatchObject({ delivered: false, httpStatus: null, error: expect.stringMatching(/Error/) });

    // A repeated idempotency key through the proxy: the first answer again, nothing done.
    const again = await pipevest.updateWebhook({ body: { url: webhookUrl, subscriptions: ['ACCOUNT'] }, headers: { 'X-Idempotency-Key': 'proxy-1' } });
    const replay = await pipevest.updateWebhook({ body: { url: webhookUrl, subscriptions: ['ALL'] }, headers: { 'X-Idempotency-Key': 'proxy-1' } });
    expect([replay.response?.status, replay.data]).toEqual([200, again.data]);
    expect(mock.state.webhook?.subscriptions).toEqual(['ACCOUNT']);
    expect(violations).toEqual([]);
  });

  it('the documented 401s pass Prism validation too', async () => {
    const otherKey = mockPipevestClient({ ...options, privateKey: pipevestMockKeys.delivery.privateJwk });
    const refused = await otherKey.getWebhook();
    expect([refused.response?.status, refused.error?.error]).toEqual([401, 'invalid_signature']);
    const tampering: typeof fetch = async (input, init) => {
      const signed = new Request(input, init);
      // Same length, still valid for the spec: only the digest can catch it.
      return recordingFetch(new Request(signed, { body: (await signed.text()).replace('/pipevest"', '/pipevesx"') }));
    };
    const digest = await mockPipevestClient({ ...options, fetch: tampering }).updateWebhook({ body: { url: webhookUrl, subscriptions: ['ALL'] } });
    expect([digest.response?.status, digest.error?.error]).toEqual([401, 'digest_mismatch']);
    const wrongToken = await mockPipevestClient({ ...options, apiKey: 'wrong' }).getWebhook();
    expect([wrongToken.response?.status, wrongToken.error?.error]).toEqual([401, 'invalid_token']);
    expect(violations).toEqual([]);
  });

  it('the violation check can fail: a request that breaks the spec is reported', async () => {
    const before = violations.length;
    const { response } = await pipevest.createAuth({ body: { url: 'http://not-https.example', subscriptions: [] } });
    expect(response?.status).toBe(400);
    expect(violations.length).toBe(before + 1);
    expect(violations.at(-1)).toMatch(/request/i);
    violations.length = before;
  });
});
