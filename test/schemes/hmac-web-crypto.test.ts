// Without node:crypto (browsers, edge workers) the scheme signs and verifies on Web Crypto with
// the same results and the same error codes: node:crypto is hidden from the module here.
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';

import { WebhookVerificationError } from '../../src/errors/webhook-verification-error.ts';

import { PROPERTY_RUNS } from '../signatures/property-runs.ts';

vi.mock('../../src/signatures/node-crypto.ts', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/signatures/node-crypto.ts')>();
  return {
    ...original,
    nodeCrypto: undefined,
    requireNodeCrypto: (name: string) => {
      throw new WebhookVerificationError('unsupported_algorithm', `${name} needs node:crypto`);
    },
  };
});

const { createHmacScheme } = await import('../../src/schemes/hmac.ts');
const { parseHmacSignatureHeader } = await import('../../src/schemes/hmac-signature-header.ts');
const { caseArb, referenceMac } = await import('./hmac-arbitraries.ts');
const { generateStandardWebhooksV1aKeys, signStandardWebhooksV1a, standardWebhooksV1aPublicKey, verifyStandardWebhooksV1a } = await import(
  '../../src/schemes/standard-webhooks-v1a.ts'
);
const { hmacPresets } = await import('../../src/schemes/presets.ts');
const { hmacDescription } = await import('../../src/schemes/hmac-description.ts');

const SW = { secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', id: 'msg_p5jXN8AQM9LWM0D4loKWxJek', body: '{"test": 2432232314}' };
const now = new Date(1614265330 * 1000);

describe('Web Crypto path', () => {
  it('signs the MAC the description prescribes and verifies it; a changed body is refused (random descriptions)', async () => {
    const url = 'https://receiver.example/hook';
    await fc.assert(
      fc.asyncProperty(caseArb, async ({ d, secret, body, id }) => {
        const scheme = createHmacScheme(d);
        const signed = await scheme.sign({ body, secret, messageId: id, timestamp: now, url });
        const { signatures, timestamp } = parseHmacSignatureHeader(signed['x-signature'], d, 'x-signature');
        expect(Buffer.from(signatures[0]!)).toEqual(referenceMac(d, secret, { body, timestamp: timestamp ?? signed['x-timestamp'], messageId: id, url }));
        const headers = new Headers(signed);
        expect((await scheme.verify({ body, headers, secrets: secret, now, url })).secretIndex).toBe(0);
        await expect(scheme.verify({ body: `${String(body)}x`, headers, secrets: secret, now, url })).rejects.toMatchObject({ code: 'signature_mismatch' });
      }),
      { numRuns: PROPERTY_RUNS / 10 },
    );
  });

  it('signs and verifies the Standard Webhooks vector', async () => {
    const standard = createHmacScheme(hmacPresets['standard-webhooks']);
    const headers = await standard.sign({ body: SW.body, secret: SW.secret, messageId: SW.id, timestamp: now });
    expect(headers['webhook-signature']).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
    expect(await standard.verify({ body: SW.body, headers: new Headers(headers), secrets: ['whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAA', SW.secret], now })).toEqual({
      secretIndex: 1,
      messageId: SW.id,
      timestamp: now,
    });
    await expect(standard.verify({ body: `${SW.body} `, headers: new Headers(headers), secrets: SW.secret, now })).rejects.toMatchObject({
      code: 'signature_mismatch',
      header: 'webhook-signature',
    });
  });

  it('verifySync needs node:crypto', () => {
    const standard = createHmacScheme(hmacPresets['standard-webhooks']);
    const headers = new Headers({ 'webhook-id': SW.id, 'webhook-timestamp': '1614265330' });
    expect(() => standard.verifySync({ body: SW.body, headers, secrets: SW.secret, signature: `v1,${'A'.repeat(43)}=`, now })).toThrow(
      expect.objectContaining({ code: 'unsupported_algorithm' }),
    );
  });

  it.each(['sha1', 'sha256', 'sha384', 'sha512'] as const)('%s, Slack-like and plain sha256=<hex>, round trip', async (algorithm) => {
    for (const input of [
      {
        header: 'x-sig',
        algorithm,
        'signature-prefix': 'v0=',
        'payload-format': { components: [{ literal: 'v0' }, 'timestamp', 'body'], delimiter: ':' },
        timestamp: { header: 'x-ts' },
      },
      { header: 'x-sig', algorithm, 'signature-prefix': 'sha256=' },
    ] as const) {
      const scheme = createHmacScheme(hmacDescription.parse(input));
      const headers = await scheme.sign({ body: 'é', secret: 'k' });
      expect((await scheme.verify({ body: new TextEncoder().encode('é'), headers: new Headers(headers), secrets: 'k' })).secretIndex).toBe(0);
      await expect(scheme.verify({ body: 'e', headers: new Headers(headers), secrets: 'k' })).rejects.toMatchObject({ code: 'signature_mismatch' });
    }
  });

  it("Standard Webhooks v1a: the Go library's vector, signed and verified on Web Crypto", async () => {
    const secretKey = 'whsk_VEVTVFNJR05JTkdLRVlET05PVFVTRVRISVNGT1JBTlk=';
    const headers = await signStandardWebhooksV1a({ body: SW.body, secretKey, messageId: SW.id, timestamp: now });
    expect(headers['webhook-signature']).toBe('v1a,tQ9V2XOqn7jL/DQenEFpqIugdBVtiMmER5mhSkXBNwM0mkATuDe6KYYUuxqtaiHeYGb7KaaBRdM5WqyeFiL8Ag==');
    const publicKeys = await standardWebhooksV1aPublicKey(secretKey);
    expect(await verifyStandardWebhooksV1a({ body: SW.body, headers: new Headers(headers), publicKeys, now })).toEqual({
      keyIndex: 0,
      messageId: SW.id,
      timestamp: now,
    });
    await expect(verifyStandardWebhooksV1a({ body: `${SW.body} `, headers: new Headers(headers), publicKeys, now })).rejects.toMatchObject({
      code: 'signature_mismatch',
    });
  });

  it('Standard Webhooks v1a: a public key whose import failed once is imported again on the next delivery, not refused from a cache', async () => {
    const { secretKey, publicKey } = await generateStandardWebhooksV1aKeys();
    const input = {
      body: SW.body,
      headers: new Headers(await signStandardWebhooksV1a({ body: SW.body, secretKey, timestamp: now })),
      publicKeys: publicKey,
      now,
    };
    const importKey = vi.spyOn(globalThis.crypto.subtle, 'importKey').mockRejectedValueOnce(new Error('the key store is busy'));
    try {
      await expect(verifyStandardWebhooksV1a(input)).rejects.toMatchObject({ code: 'invalid_key' });
      expect((await verifyStandardWebhooksV1a(input)).keyIndex).toBe(0);
      expect(importKey).toHaveBeenCalledTimes(2);
    } finally {
      importKey.mockRestore();
    }
  });
});
