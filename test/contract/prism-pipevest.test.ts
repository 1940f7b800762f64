// The generated Pipevest SDK against Prism mocking openapi/pipevest.yaml. Prism checks that
// the signature headers are present; their cryptographic validity is the mock server's job.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, createConfig } from '../../generated/pipevest/client/index.ts';
import * as sdk from '../../generated/pipevest/sdk.gen.ts';
import * as z from '../../generated/pipevest/zod.gen.ts';
import { startPrism, type PrismInstance } from '../../mocks/prism/start-prism.ts';

let prism: PrismInstance;
let client: ReturnType<typeof createClient>;

// Header values as the document shows them (its signature is truncated; Prism checks presence and shape).
const readHeaders = {
  'Signature-Input':
    'sig1=("authorization" "x-client-id" "@method" "@target-uri" "@path" "@query");keyid="staging-pipevest-ed25519";created=1732893484;expires=1732893584',
  Signature: 'sig1=:OTEyMjY4A5NTNDMEQ=:',
  'X-Client-Id': '123456',
};
const writeHeaders = {
  ...readHeaders,
  'X-Idempotency-Key': 'idem-1',
  'Content-Digest': 'sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:',
};

beforeAll(async () => {
  prism = await startPrism('openapi/pipevest.yaml');
  client = createClient(createConfig({ baseUrl: prism.url, auth: '123456' }));
});
afterAll(() => prism?.stop());

describe('pipevest operations through Prism', () => {
  it('createAuth (POST /auth) registers the webhook', async () => {
    const { data, response } = await sdk.createAuth({
      client,
      headers: writeHeaders,
      body: { url: 'https://companyx.com/webhook2', subscriptions: ['ALL'] },
    });
    expect(response?.status).toBe(200);
    const parsed = z.zCreateAuthResponse.parse(data);
    expect(parsed.expiresIn).toBe(3600);
    expect(parsed.webhook?.subscriptions).toEqual(['ALL']);
  });

  it('testWebhook (POST /auth/test)', async () => {
    const { data, response } = await sdk.testWebhook({ client, headers: { ...readHeaders, 'X-Idempotency-Key': 'idem-2' } });
    expect(response?.status).toBe(200);
    expect(z.zTestWebhookResponse.parse(data)).toEqual({ delivered: true, httpStatus: 200 });
  });

  it('updateWebhook (PUT /webhooks) returns the entity', async () => {
    const { data } = await sdk.updateWebhook({
      client,
      headers: writeHeaders,
      body: { url: 'https://companyx.com/webhook2', subscriptions: ['ACCOUNT'] },
    });
    const parsed = z.zUpdateWebhookResponse.parse(data);
    expect(parsed.status).toBe('ACTIVE');
    expect(parsed.subscriptions).toEqual(['ACCOUNT']);
  });

  it('getWebhook (GET /webhooks) returns the entity of the document', async () => {
    const { data } = await sdk.getWebhook({ client, headers: readHeaders });
    const parsed = z.zGetWebhookResponse.parse(data);
    expect(parsed.subscriptions).toEqual(['ALL']);
    expect(parsed.createdAt).toBe(1732893484);
  });

  it('getWebhookPublicKey (GET /webhooks/key)', async () => {
    const { data, response } = await sdk.getWebhookPublicKey({ client, headers: readHeaders });
    expect(response?.status).toBe(200);
    const parsed = z.zGetWebhookPublicKeyResponse.parse(data);
    expect(parsed.algorithm).toBe('ed25519');
    expect(parsed.publicKey).toContain('BEGIN PUBLIC KEY');
  });
});

describe('pipevest errors through Prism', () => {
  it('401 when the signature does not verify', async () => {
    const { error, response } = await sdk.getWebhook({ client, headers: { ...readHeaders, Prefer: 'code=401' } });
    expect(response?.status).toBe(401);
    expect(z.zErrorResponse.parse(error).error).toBe('invalid_signature');
  });

  it('Prism rejects a request without the signature headers (422 from its validator)', async () => {
    const { response } = await sdk.getWebhook({ client, headers: { 'X-Client-Id': '123456' } as never });
    expect(response?.status).toBe(422);
  });
});
