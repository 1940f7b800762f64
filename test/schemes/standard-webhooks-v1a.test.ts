// Standard Webhooks v1a (Ed25519): the specification's rules and the vectors of the Go library
// (standard-webhooks/standard-webhooks, libraries/go/webhook_asymmetric_test.go, from the change
// that adds asymmetric signatures, commit f50a00a; neither JS library implements v1a).
import { describe, expect, it } from 'vitest';

import { WebhookVerificationError } from '../../src/errors/webhook-verification-error.ts';
import { createHmacScheme } from '../../src/schemes/hmac.ts';
import { hmacPresets } from '../../src/schemes/presets.ts';
import {
  generateStandardWebhooksV1aKeys,
  signStandardWebhooksV1a,
  standardWebhooksV1aPublicKey,
  verifyStandardWebhooksV1a,
} from '../../src/schemes/standard-webhooks-v1a.ts';

// TestAsymmetricWebhookSign: seed "TESTSIGNINGKEYDONOTUSETHISFORANY", the JS vector's id, time and body.
const GO = {
  key: 'VEVTVFNJR05JTkdLRVlET05PVFVTRVRISVNGT1JBTlk=',
  id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
  timestamp: new Date(1614265330 * 1000),
  body: '{"test": 2432232314}',
  signature: 'v1a,tQ9V2XOqn7jL/DQenEFpqIugdBVtiMmER5mhSkXBNwM0mkATuDe6KYYUuxqtaiHeYGb7KaaBRdM5WqyeFiL8Ag==',
};
// The key newAsymmetricTestPayload signs with in the Go tests.
const GO_DEFAULT_KEY = 'V0VCSE9PS0FTWU1NRVRSSUNURVNUUFJJVkFURUtFWTE=';

const headersOf = (signature: string, id = GO.id, timestamp = '1614265330') =>
  new Headers({ 'webhook-id': id, 'webhook-timestamp': timestamp, 'webhook-signature': signature });

describe('Standard Webhooks v1a', () => {
  it("signs the Go library's vector byte for byte, with or without the whsk_ prefix", async () => {
    for (const secretKey of [GO.key, `whsk_${GO.key}`]) {
      const headers = await signStandardWebhooksV1a({ body: GO.body, secretKey, messageId: GO.id, timestamp: GO.timestamp });
      expect(headers).toEqual({ 'webhook-id': GO.id, 'webhook-timestamp': '1614265330', 'webhook-signature': GO.signature });
    }
  });

  it('verifies the Go vector with the public key derived from the seed, and refuses it changed', async () => {
    const publicKey = await standardWebhooksV1aPublicKey(`whsk_${GO.key}`);
    expect(publicKey).toMatch(/^whpk_[A-Za-z0-9+/]{43}=$/);
    const input = { body: GO.body, headers: headersOf(GO.signature), publicKeys: publicKey, now: GO.timestamp };
    expect(await verifyStandardWebhooksV1a(input)).toEqual({ keyIndex: 0, messageId: GO.id, timestamp: GO.timestamp });
    await expect(verifyStandardWebhooksV1a({ ...input, body: `${GO.body} ` })).rejects.toMatchObject({ code: 'signature_mismatch' });
    await expect(verifyStandardWebhooksV1a({ ...input, headers: headersOf(GO.signature, `${GO.id}x`) })).rejects.toMatchObject({
      code: 'signature_mismatch',
    });
  });

  // The Go library's TestAsymmetricWebhook table, case by case.
  describe('the Go test table', () => {
    const publicKey = standardWebhooksV1aPublicKey(GO_DEFAULT_KEY);
    const now = new Date();
    const signed = async (offsetSeconds = 0) =>
      signStandardWebhooksV1a({ body: GO.body, secretKey: GO_DEFAULT_KEY, messageId: GO.id, timestamp: new Date(now.getTime() + offsetSeconds * 1000) });
    const verify = async (headers: Record<string, string>) =>
      verifyStandardWebhooksV1a({ body: GO.body, headers: new Headers(headers), publicKeys: await publicKey, now });
    const without = (headers: Record<string, string>, name: string) => Object.fromEntries(Object.entries(headers).filter(([key]) => key !== name));

    it('valid signature is valid', async () => {
      expect((await verify(await signed())).keyIndex).toBe(0);
    });
    it.each([
      ['missing id', 'webhook-id'],
      ['missing timestamp', 'webhook-timestamp'],
      ['missing signature', 'webhook-signature'],
    ])('%s returns an error', async (_name, header) => {
      await expect(verify(without(await signed(), header))).rejects.toMatchObject({ code: 'missing_header', header });
    });
    it('invalid signature is invalid (a 32-byte value is not an Ed25519 signature)', async () => {
      await expect(verify({ ...(await signed()), 'webhook-signature': 'v1a,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=' })).rejects.toMatchObject({
        code: 'malformed_header',
      });
    });
    it('partial signature is invalid', async () => {
      await expect(verify({ ...(await signed()), 'webhook-signature': 'v1a,' })).rejects.toMatchObject({ code: 'malformed_header' });
    });
    it('old and new timestamps beyond the tolerance fail', async () => {
      await expect(verify(await signed(-301))).rejects.toMatchObject({ code: 'timestamp_out_of_tolerance' });
      await expect(verify(await signed(301))).rejects.toMatchObject({ code: 'timestamp_out_of_tolerance' });
    });
    it('valid multi sig is valid (v1, v2, the right v1a, v1)', async () => {
      const headers = await signed();
      const sigs = [
        'v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=',
        'v2,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=',
        headers['webhook-signature'],
        'v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=',
      ];
      expect((await verify({ ...headers, 'webhook-signature': sigs.join(' ') })).keyIndex).toBe(0);
    });
  });

  it('a fresh key pair round-trips; rotation finds the second public key; another key is refused', async () => {
    const [a, b] = [await generateStandardWebhooksV1aKeys(), await generateStandardWebhooksV1aKeys()];
    expect(a.secretKey).toMatch(/^whsk_/);
    const headers = new Headers(await signStandardWebhooksV1a({ body: 'x', secretKey: b.secretKey }));
    expect((await verifyStandardWebhooksV1a({ body: 'x', headers, publicKeys: [a.publicKey, b.publicKey] })).keyIndex).toBe(1);
    await expect(verifyStandardWebhooksV1a({ body: 'x', headers, publicKeys: a.publicKey })).rejects.toMatchObject({ code: 'signature_mismatch' });
    await expect(verifyStandardWebhooksV1a({ body: 'x', headers, publicKeys: 'whpk_short' })).rejects.toMatchObject({ code: 'invalid_key' });
    await expect(verifyStandardWebhooksV1a({ body: 'x', headers, publicKeys: [] })).rejects.toMatchObject({ code: 'missing_secret' });
  });

  it("v1 and v1a side by side in one header (the specification's example form): each verifier takes its own", async () => {
    const { secretKey, publicKey } = await generateStandardWebhooksV1aKeys();
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    const timestamp = new Date();
    const v1a = await signStandardWebhooksV1a({ body: GO.body, secretKey, messageId: GO.id, timestamp });
    const v1 = await createHmacScheme(hmacPresets['standard-webhooks']).sign({ body: GO.body, secret, messageId: GO.id, timestamp });
    const headers = new Headers({ ...v1, 'webhook-signature': `${v1['webhook-signature']} ${v1a['webhook-signature']}` });
    expect((await verifyStandardWebhooksV1a({ body: GO.body, headers, publicKeys: publicKey })).keyIndex).toBe(0);
    expect((await createHmacScheme(hmacPresets['standard-webhooks']).verify({ body: GO.body, headers, secrets: secret })).secretIndex).toBe(0);
  });
});

describe('Standard Webhooks v1a: each refusal, its code and header', () => {
  const keys = generateStandardWebhooksV1aKeys();
  const now = new Date(1614265330 * 1000);
  const signed = async (offsetSeconds = 0) =>
    signStandardWebhooksV1a({ body: GO.body, secretKey: (await keys).secretKey, messageId: GO.id, timestamp: new Date(now.getTime() + offsetSeconds * 1000) });
  const verify = async (
    headers: Record<string, string>,
    options: { publicKeys?: unknown; signature?: string; toleranceSeconds?: number; body?: unknown } = {},
  ) =>
    verifyStandardWebhooksV1a({
      body: (options.body ?? GO.body) as string,
      headers: new Headers(headers),
      publicKeys: ('publicKeys' in options ? options.publicKeys : (await keys).publicKey) as string,
      now,
      toleranceSeconds: options.toleranceSeconds,
      signature: options.signature,
    });
  const refusal = async (run: Promise<unknown>) => {
    const error = await run.then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    if (!(error instanceof WebhookVerificationError)) throw new Error(`expected a WebhookVerificationError, got ${String(error)}`);
    return [error.code, error.header];
  };

  it('a generated message id is msg_ and 32 hex digits', async () => {
    const headers = await signStandardWebhooksV1a({ body: GO.body, secretKey: (await keys).secretKey });
    expect(headers['webhook-id']).toMatch(/^msg_[0-9a-f]{32}$/);
  });

  it('a parsed body is refused when signing and when verifying (body_already_parsed)', async () => {
    await expect(signStandardWebhooksV1a({ body: { test: 1 } as unknown as string, secretKey: (await keys).secretKey })).rejects.toMatchObject({
      code: 'body_already_parsed',
    });
    expect(await refusal(verify(await signed(), { body: JSON.parse(GO.body) }))).toEqual(['body_already_parsed', undefined]);
  });

  it('a key that is not the prefix and the base64 of 32 bytes is invalid_key, saying which key', async () => {
    const short = Buffer.alloc(16, 1).toString('base64');
    await expect(signStandardWebhooksV1a({ body: GO.body, secretKey: `whsk_${short}` })).rejects.toThrow(
      'The Standard Webhooks secret key is not "whsk_" followed by the base64 of 32 bytes.',
    );
    await expect(signStandardWebhooksV1a({ body: GO.body, secretKey: 42 as unknown as string })).rejects.toMatchObject({ code: 'invalid_key' });
    await expect(standardWebhooksV1aPublicKey(`whsk_${short}`)).rejects.toThrow('The Standard Webhooks secret key is not "whsk_"');
    await expect(verify(await signed(), { publicKeys: `whpk_${short}` })).rejects.toThrow(
      'The Standard Webhooks public key is not "whpk_" followed by the base64 of 32 bytes.',
    );
  });

  it.each([
    ['an empty list', []],
    ['an empty key', ''],
    ['an empty key after a good one', 'good-then-empty'],
    ['a key that is not a string', [42]],
    ['no keys at all', undefined],
  ])('%s is missing_secret', async (_name, publicKeys) => {
    const resolved = publicKeys === 'good-then-empty' ? [(await keys).publicKey, ''] : publicKeys;
    expect(await refusal(verify(await signed(), { publicKeys: resolved }))).toEqual(['missing_secret', undefined]);
  });

  it('keyIndex is the first key that verifies', async () => {
    const { publicKey } = await keys;
    const other = (await generateStandardWebhooksV1aKeys()).publicKey;
    expect((await verify(await signed(), { publicKeys: [publicKey, publicKey] })).keyIndex).toBe(0);
    expect((await verify(await signed(), { publicKeys: [other, publicKey, publicKey] })).keyIndex).toBe(1);
    expect(await refusal(verify(await signed(), { publicKeys: [other] }))).toEqual(['signature_mismatch', 'webhook-signature']);
  });

  it.each([
    ['webhook-id', ''],
    ['webhook-id', '\u00a0'],
    ['webhook-timestamp', ''],
    ['webhook-timestamp', '\u00a0'],
    ['webhook-signature', ''],
    ['webhook-signature', '\u00a0'],
  ])('%s present but %j is missing_header, naming it', async (header, value) => {
    expect(await refusal(verify({ ...(await signed()), [header]: value }))).toEqual(['missing_header', header]);
  });

  it('a blank signature passed by the caller is missing_header; a valid one is used instead of the header', async () => {
    const headers = await signed();
    expect(await refusal(verify(headers, { signature: '  ' }))).toEqual(['missing_header', 'webhook-signature']);
    const { 'webhook-signature': signature, ...rest } = headers;
    expect((await verify(rest, { signature })).keyIndex).toBe(0);
  });

  it('only v1a entries count: a valid signature under another label, or one that is not base64, is malformed_header', async () => {
    const headers = await signed();
    const bytes = headers['webhook-signature']!.slice('v1a,'.length);
    for (const signature of [`v2a,${bytes}`, `v1,${bytes}`, 'v1a,!!!!', `v1a,${bytes.slice(4)}`]) {
      expect(await refusal(verify({ ...headers, 'webhook-signature': signature }))).toEqual(['malformed_header', 'webhook-signature']);
    }
    expect((await verify({ ...headers, 'webhook-signature': `v1a,!!!! ${headers['webhook-signature']}` })).keyIndex).toBe(0);
  });

  it('the tolerance holds at its boundary both ways: 300 s by default, or the one given', async () => {
    for (const offset of [-300, 300]) expect((await verify(await signed(offset))).keyIndex).toBe(0);
    for (const offset of [-301, 301]) expect(await refusal(verify(await signed(offset)))).toEqual(['timestamp_out_of_tolerance', 'webhook-timestamp']);
    for (const offset of [-10, 10]) expect((await verify(await signed(offset), { toleranceSeconds: 10 })).keyIndex).toBe(0);
    for (const offset of [-11, 11]) {
      expect(await refusal(verify(await signed(offset), { toleranceSeconds: 10 }))).toEqual(['timestamp_out_of_tolerance', 'webhook-timestamp']);
    }
  });
});
