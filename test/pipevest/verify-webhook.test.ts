// verifyPipevestWebhook, createPipevestKeyResolver and createPipevestWebhookHandler on messages
// signed like the mock signs them (content-digest content-type @method @target-uri, Ed25519).
import { createPrivateKey, generateKeyPairSync, sign as nodeSign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { WebhookPublicKey } from '../../generated/pipevest/types.gen.ts';
import { pipevestSigner } from '../../src/pipevest/sign-delivery.ts';
import { pipevestMockKeys } from '../../mocks/pipevest/credentials.ts';
import { PIPEVEST_DELIVERY_COMPONENTS } from '../../src/pipevest/components.ts';
import { createPipevestKeyResolver } from '../../src/pipevest/key-resolver.ts';
import { verifyPipevestWebhook, type PipevestWebhookOptions } from '../../src/pipevest/verify-webhook.ts';
import { createPipevestWebhookHandler } from '../../src/pipevest/webhook-handler.ts';
import { createContentDigest, signHttpMessage, type KeyInput } from '../../src/signatures/index.ts';
import { codeOf, rejectionOf } from '../signatures/helpers.ts';

const webhookKey = pipevestMockKeys.delivery;
const url = 'https://hooks.partner.test/pipevest?tenant=7';
const entity = { webhookId: 'wh_1', status: 'ACTIVE', url, subscriptions: ['ALL'], createdAt: 1732893484, updatedAt: 1732893484 };
const payload = JSON.stringify({ event: 'WEBHOOK.CREATED', data: entity });
const nowSeconds = () => Math.floor(Date.now() / 1000);

interface SignOptions {
  body?: string;
  key?: KeyInput;
  keyid?: string;
  created?: number;
  expires?: number;
  components?: readonly string[];
  signedUrl?: string;
}

/** A message signed with the mock's webhook key (or the given one), as `{ body, headers, method, url }`. */
async function message(options: SignOptions = {}) {
  const body = options.body ?? payload;
  const headers: Record<string, string> = { 'content-type': 'application/json', 'content-digest': createContentDigest(body) };
  const created = options.created ?? nowSeconds();
  const signed = await signHttpMessage(
    { method: 'POST', url: options.signedUrl ?? url, headers },
    {
      key: options.key ?? webhookKey.privateJwk,
      keyid: options.keyid ?? webhookKey.keyId,
      components: options.components ?? PIPEVEST_DELIVERY_COMPONENTS,
      created,
      expires: options.expires ?? created + 100,
      includeAlg: false,
    },
  );
  const signedHeaders: Record<string, string> = { ...headers, 'signature-input': signed.headers['signature-input'], signature: signed.headers.signature };
  return { body, method: 'POST', url, headers: signedHeaders };
}

const withKey: PipevestWebhookOptions = { publicKey: webhookKey.publicKeyPem };
const failure = async (input: Parameters<typeof verifyPipevestWebhook>[0], options: PipevestWebhookOptions = withKey) =>
  codeOf(await rejectionOf(verifyPipevestWebhook(input, options)));

describe('verifyPipevestWebhook', () => {
  it('accepts a message the mock signs (Fetch Request and raw input), typed and validated', async () => {
    const headers = await pipevestSigner({ keyId: webhookKey.keyId, privateKey: webhookKey.privateJwk }, url)(payload);
    const request = new Request(url, { method: 'POST', headers, body: payload });
    const event = await verifyPipevestWebhook(request, withKey);
    expect(event.type).toBe('WEBHOOK.CREATED');
    expect(event.keyId).toBe(webhookKey.keyId);
    expect(Math.abs(event.timestamp!.getTime() - Date.now())).toBeLessThan(5000);
    if (event.type === 'WEBHOOK.CREATED') expect(event.payload.data?.webhookId).toBe('wh_1');
    expect(headers['signature-input']).toMatch(
      /^sig1=\("content-digest" "content-type" "@method" "@target-uri"\);created=\d+;expires=\d+;keyid="pipevest-mock-webhooks-ed25519"$/,
    );

    const raw = await verifyPipevestWebhook({ body: new TextEncoder().encode(payload), headers, method: 'POST', url }, { publicKey: webhookKey.publicJwk });
    expect(raw.payload).toEqual(JSON.parse(payload));
  });

  it('a changed body is digest_mismatch (the signature covers the digest header, not the bytes)', async () => {
    const signed = await message();
    expect(await failure({ ...signed, body: payload.replace('wh_1', 'wh_2') })).toBe('digest_mismatch');
  });

  it('a signature by another key is signature_mismatch', async () => {
    const other = generateKeyPairSync('ed25519').privateKey;
    expect(await failure(await message({ key: other }))).toBe('signature_mismatch');
  });

  it('a changed URL or method is signature_mismatch; publicUrl restores the URL a proxy changed', async () => {
    const signed = await message();
    expect(await failure({ ...signed, url: 'http://127.0.0.1:8080/pipevest?tenant=7' })).toBe('signature_mismatch');
    expect(await failure({ ...signed, method: 'PUT' })).toBe('signature_mismatch');
    const event = await verifyPipevestWebhook(
      { ...signed, url: 'http://127.0.0.1:8080/pipevest?tenant=7' },
      { ...withKey, publicUrl: (received) => `https://hooks.partner.test${new URL(received).pathname}${new URL(received).search}` },
    );
    expect(event.type).toBe('WEBHOOK.CREATED');
    expect((await verifyPipevestWebhook({ ...signed, url: 'http://internal/x' }, { ...withKey, publicUrl: url })).type).toBe('WEBHOOK.CREATED');
  });

  it('an expired signature is signature_expired; one created too long ago is timestamp_out_of_tolerance', async () => {
    const created = nowSeconds() - 200;
    expect(await failure(await message({ created, expires: created + 100 }))).toBe('signature_expired');
    const old = nowSeconds() - 1000;
    expect(await failure(await message({ created: old, expires: old + 5000 }))).toBe('timestamp_out_of_tolerance');
    const accepted = await verifyPipevestWebhook(await message({ created: old, expires: old + 5000 }), { ...withKey, maxAgeSeconds: 2000 });
    expect(accepted.type).toBe('WEBHOOK.CREATED');
  });

  it('a signature that does not cover the required components is insufficient_coverage', async () => {
    expect(await failure(await message({ components: ['content-digest', 'content-type', '@method'] }))).toBe('insufficient_coverage');
    // content-digest and @method stay required whatever the caller lists.
    expect(await failure(await message({ components: ['content-type', '@target-uri'] }), { ...withKey, requiredComponents: ['@target-uri'] })).toBe(
      'insufficient_coverage',
    );
  });

  it("accepts the document's capitalised component names, signed lowercase or as written", async () => {
    // 1. Signed per RFC 9421 (lowercase base), announced capitalised as the document writes it.
    const signed = await message();
    const capitalised = signed.headers['signature-input']!.replace('"content-digest"', '"Content-Digest"').replace('"content-type"', '"Content-Type"');
    expect((await verifyPipevestWebhook({ ...signed, headers: { ...signed.headers, 'signature-input': capitalised } }, withKey)).type).toBe('WEBHOOK.CREATED');

    // 2. Signed over the names exactly as written ("Content-Digest" in the signature base too).
    const created = nowSeconds();
    const params = `("Content-Digest" "Content-Type" "@method" "@target-uri");keyid="${webhookKey.keyId}";created=${created};expires=${created + 100}`;
    const base = [
      `"Content-Digest": ${signed.headers['content-digest']}`,
      '"Content-Type": application/json',
      '"@method": POST',
      `"@target-uri": ${url}`,
      `"@signature-params": ${params}`,
    ].join('\n');
    const signature = nodeSign(null, Buffer.from(base), createPrivateKey(webhookKey.privateKeyPem)).toString('base64');
    const verbatim = { ...signed, headers: { ...signed.headers, 'signature-input': `sig1=${params}`, signature: `sig1=:${signature}:` } };
    expect((await verifyPipevestWebhook(verbatim, withKey)).keyId).toBe(webhookKey.keyId);
  });

  it('without a key, without a URL, with an unknown event: typed errors', async () => {
    const signed = await message();
    expect(await failure(signed, {})).toBe('missing_secret');
    expect(await failure({ ...signed, url: '' })).toBe('malformed_header');
    const unknown = await message({ body: JSON.stringify({ event: 'ACCOUNT.OPENED', data: {} }) });
    expect(await failure(unknown)).toBe('unknown_event');
    const { signature: _dropped, ...unsigned } = signed.headers;
    expect(await failure({ ...signed, headers: unsigned })).toBe('missing_header');
  });
});

describe('createPipevestKeyResolver', () => {
  const keyAnswer = (keyId: string, publicKey: string): WebhookPublicKey => ({ keyId, algorithm: 'ed25519', publicKey });

  it('fetches the key once, caches it by keyId, and refetches once for an unknown keyid, then unknown_key', async () => {
    let fetches = 0;
    const keyResolver = createPipevestKeyResolver({
      fetchKey: async () => {
        fetches += 1;
        return keyAnswer(webhookKey.keyId, webhookKey.publicKeyPem);
      },
    });
    for (let i = 0; i < 3; i++) expect((await verifyPipevestWebhook(await message(), { keyResolver })).type).toBe('WEBHOOK.CREATED');
    expect(fetches).toBe(1);

    const unknown = await message({ keyid: 'rotated-away', key: generateKeyPairSync('ed25519').privateKey });
    expect(await failure(unknown, { keyResolver })).toBe('unknown_key');
    expect(fetches).toBe(2);
    expect(keyResolver.fetchCount).toBe(2);
    // Within the cooldown, another unknown keyid does not cause another request.
    expect(await failure(unknown, { keyResolver })).toBe('unknown_key');
    expect(fetches).toBe(2);
    expect(keyResolver.knownKeyIds()).toEqual([webhookKey.keyId]);
  });

  it('picks up a rotated key with its one refetch, and still knows the previous one', async () => {
    const next = generateKeyPairSync('ed25519');
    const answers = [
      keyAnswer(webhookKey.keyId, webhookKey.publicKeyPem),
      keyAnswer('webhooks-2', next.publicKey.export({ format: 'pem', type: 'spki' }).toString()),
    ];
    let fetches = 0;
    const keyResolver = createPipevestKeyResolver({ fetchKey: async () => answers[Math.min(fetches++, answers.length - 1)]! });
    await verifyPipevestWebhook(await message(), { keyResolver });
    const rotated = await verifyPipevestWebhook(await message({ key: next.privateKey, keyid: 'webhooks-2' }), { keyResolver });
    expect(rotated.keyId).toBe('webhooks-2');
    expect((await verifyPipevestWebhook(await message(), { keyResolver })).keyId).toBe(webhookKey.keyId);
    expect(fetches).toBe(2);
  });

  it('shares one request between concurrent verifications, and reports a failing key source as unknown_key', async () => {
    let fetches = 0;
    const keyResolver = createPipevestKeyResolver({
      fetchKey: async () => {
        fetches += 1;
        await new Promise((resolve) => setTimeout(resolve, 20));
        return keyAnswer(webhookKey.keyId, webhookKey.publicKeyPem);
      },
    });
    const events = await Promise.all([1, 2, 3, 4].map(async () => verifyPipevestWebhook(await message(), { keyResolver })));
    expect(events).toHaveLength(4);
    expect(fetches).toBe(1);

    const broken = createPipevestKeyResolver({ fetchKey: async () => ({ keyId: 'k' }) });
    expect(await failure(await message(), { keyResolver: broken })).toBe('unknown_key');
    const down = createPipevestKeyResolver({ fetchKey: () => Promise.reject(new Error('ECONNREFUSED')) });
    expect(await failure(await message(), { keyResolver: down })).toBe('unknown_key');
  });
});

describe('createPipevestWebhookHandler', () => {
  it('answers 200 for a verified message (calling its handler) and 401 with the code otherwise', async () => {
    const seen: string[] = [];
    const handler = createPipevestWebhookHandler({ ...withKey, on: { 'WEBHOOK.CREATED': (event) => void seen.push(event.payload.data?.webhookId ?? '') } });
    const signed = await message();
    const ok = await handler(new Request(url, { method: 'POST', headers: signed.headers, body: signed.body }));
    expect([ok.status, await ok.json()]).toEqual([200, { received: true, type: 'WEBHOOK.CREATED', handled: true }]);
    expect(seen).toEqual(['wh_1']);
    const tampered = await handler(new Request(url, { method: 'POST', headers: signed.headers, body: signed.body.replace('ALL', 'ACC') }));
    expect([tampered.status, (await tampered.json()).error]).toEqual([401, 'digest_mismatch']);
  });
});

describe('verifyPipevestWebhook without a key', () => {
  it('is missing_secret, and the message names the resolver to use (null or absent, either option)', async () => {
    const signed = await message();
    for (const keys of [{}, { keyResolver: null }, { publicKey: null, keyResolver: undefined }]) {
      const error = (await rejectionOf(verifyPipevestWebhook(signed, keys as unknown as PipevestWebhookOptions))) as { code: string; message: string };
      expect(error.code).toBe('missing_secret');
      expect(error.message).toContain('createPipevestKeyResolver({ client })');
    }
  });
});
