// Each API's own verifier, by its public name, on the failures that were only reached through
// the shared code or the `check` battery: the code and the header of every refusal.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifyExchangeWebhook, verifyExchangeWebhookSync } from 'hookspec/exchange';
import { PIPEVEST_DELIVERY_COMPONENTS, pipevestMockKeys, verifyPipevestWebhook, type PipevestWebhookOptions } from 'hookspec/pipevest';
import { verifyProvenWebhook, verifyProvenWebhookSync } from 'hookspec/proven';
import { verifyProvenonceWebhook, verifyProvenonceWebhookSync } from 'hookspec/provenonce';
import { createContentDigest, signHttpMessage, WebhookVerificationError } from 'hookspec/signatures';
import { rejectionOf, thrownBy } from '../signatures/helpers.ts';
import { loadSpec } from '../support/specs.ts';

const secret = 'whsec-per-api';
const sign = (body: string, key = secret) => `sha256=${createHmac('sha256', key).update(body).digest('hex')}`;

/** [code, header] of a refusal; anything but a WebhookVerificationError fails. */
function refusal(error: unknown): [string, string | undefined] {
  expect(error).toBeInstanceOf(WebhookVerificationError);
  return [(error as WebhookVerificationError).code, (error as WebhookVerificationError).header];
}

describe('verifyExchangeWebhook', () => {
  const body = JSON.stringify({ event: 'order.status_changed', data: { orderId: 'o_1', status: 'shipped' } });
  it.each([
    ['a signature by another secret', { 'x-signature': sign(body, 'other') }, ['signature_mismatch', 'x-signature']],
    ['no X-Signature header', {}, ['missing_header', 'x-signature']],
    ['an empty X-Signature header', { 'x-signature': '' }, ['missing_header', 'x-signature']],
    ['a signature in the wrong form', { 'x-signature': 'sha1=abc' }, ['malformed_header', 'x-signature']],
  ])('refuses %s, async and sync alike', async (_name, headers, expected) => {
    expect(refusal(await rejectionOf(verifyExchangeWebhook({ body, headers }, { secret })))).toEqual(expected);
    expect(refusal(thrownBy(() => verifyExchangeWebhookSync({ body, headers }, { secret })))).toEqual(expected);
  });

  it('a configured header is read (any case) and named in its refusals; X-Signature is then ignored', async () => {
    const options = { secret, signatureHeader: 'X-Exchange-Signature' };
    expect(refusal(await rejectionOf(verifyExchangeWebhook({ body, headers: { 'x-signature': sign(body) } }, options)))).toEqual([
      'missing_header',
      'x-exchange-signature',
    ]);
    expect((await verifyExchangeWebhook({ body, headers: { 'X-Exchange-Signature': sign(body) } }, options)).type).toBe('order.status_changed');
  });

  it('a signature passed as a value wins over the header', async () => {
    const headers = { 'x-signature': sign(body) };
    expect(refusal(await rejectionOf(verifyExchangeWebhook({ body, headers }, { secret, signature: sign(body, 'other') })))[0]).toBe('signature_mismatch');
    expect(verifyExchangeWebhookSync({ body, headers: {} }, { secret, signature: sign(body) }).type).toBe('order.status_changed');
  });
});

describe('verifyProvenonceWebhook', () => {
  const body = JSON.stringify({ event: 'agent.frozen', data: { agent_id: 'ag_1' } });
  it.each([
    ['a signature without its sha256= prefix', createHmac('sha256', secret).update(body).digest('hex')],
    ['a hex digest of the wrong length', 'sha256=abcd'],
    ['a digest that is not hex', `sha256=${'z'.repeat(64)}`],
  ])('refuses %s as malformed_header, naming x-provenonce-signature', async (_name, value) => {
    const headers = { 'x-provenonce-signature': value };
    const expected = ['malformed_header', 'x-provenonce-signature'];
    expect(refusal(await rejectionOf(verifyProvenonceWebhook({ body, headers }, { secret })))).toEqual(expected);
    expect(refusal(thrownBy(() => verifyProvenonceWebhookSync({ body, headers }, { secret })))).toEqual(expected);
  });

  it('reads x-provenonce-signature, not another API header', async () => {
    expect(refusal(await rejectionOf(verifyProvenonceWebhook({ body, headers: { 'x-signature': sign(body) } }, { secret })))).toEqual([
      'missing_header',
      'x-provenonce-signature',
    ]);
    expect((await verifyProvenonceWebhook({ body, headers: { 'X-Provenonce-Signature': sign(body) } }, { secret })).type).toBe('agent.frozen');
  });
});

describe('verifyProvenWebhook', () => {
  // The document's own credentials:done example, from the spec.
  const body = JSON.stringify(loadSpec('proven').webhooks['credentials:done'].post.requestBody.content['application/json'].examples.document.value);
  const topic = { 'content-type': 'application/json' };

  it.each([
    ['a wrong X-API-Key', { 'x-api-key': 'nope' }, ['signature_mismatch', 'x-api-key']],
    ['no X-API-Key', {}, ['missing_header', 'x-api-key']],
    ['an empty X-API-Key', { 'x-api-key': '' }, ['missing_header', 'x-api-key']],
    ['a key that only starts like the configured one', { 'x-api-key': 'right-key-and-more' }, ['signature_mismatch', 'x-api-key']],
  ])('refuses %s, async and sync alike', async (_name, headers, expected) => {
    const input = { body, headers: { ...topic, ...headers } };
    expect(refusal(await rejectionOf(verifyProvenWebhook(input, { apiKey: 'right-key' })))).toEqual(expected);
    expect(refusal(thrownBy(() => verifyProvenWebhookSync(input, { apiKey: 'right-key' })))).toEqual(expected);
  });

  it.each([[''], [['']], [[]], [['', '']]])('an apiKey of %j is missing_secret, whatever the request carries', async (apiKey) => {
    const input = { body, headers: { 'x-api-key': '' } };
    expect(refusal(await rejectionOf(verifyProvenWebhook(input, { apiKey })))[0]).toBe('missing_secret');
    expect(refusal(thrownBy(() => verifyProvenWebhookSync(input, { apiKey })))[0]).toBe('missing_secret');
  });

  it('empty keys in a rotation list are dropped, the others still checked; any of them matches', async () => {
    const options = { apiKey: ['', 'old-key', 'new-key'] };
    expect(refusal(await rejectionOf(verifyProvenWebhook({ body, headers: { 'x-api-key': '' } }, options)))[0]).toBe('missing_header');
    for (const key of ['old-key', 'new-key']) {
      const event = await verifyProvenWebhook({ body, headers: { 'x-api-key': key } }, options);
      expect(event.payload).toEqual(JSON.parse(body));
    }
  });
});

describe('verifyPipevestWebhook', () => {
  const key = pipevestMockKeys.delivery;
  const url = 'https://hooks.partner.test/pipevest';
  const payload = JSON.stringify({
    event: 'WEBHOOK.CREATED',
    data: { webhookId: 'wh_1', status: 'ACTIVE', url, subscriptions: ['ALL'], createdAt: 1732893484, updatedAt: 1732893484 },
  });
  const options: PipevestWebhookOptions = { publicKey: key.publicKeyPem };

  async function message(components: readonly string[] = PIPEVEST_DELIVERY_COMPONENTS, headers: Record<string, string> = {}, created?: null) {
    const all: Record<string, string> = { 'content-type': 'application/json', 'content-digest': createContentDigest(payload), ...headers };
    const signed = await signHttpMessage(
      { method: 'POST', url, headers: all },
      { key: key.privateJwk, keyid: key.keyId, components, includeAlg: false, created },
    );
    return {
      body: payload,
      method: 'POST',
      url,
      headers: { ...all, 'signature-input': signed.headers['signature-input'], signature: signed.headers.signature } as Record<string, string>,
    };
  }
  const refused = async (input: Awaited<ReturnType<typeof message>>, with_: PipevestWebhookOptions = options) =>
    refusal(await rejectionOf(verifyPipevestWebhook(input, with_)));

  it('a message without its Content-Digest header is missing_header, naming content-digest', async () => {
    const signed = await message();
    const { 'content-digest': _dropped, ...headers } = signed.headers;
    expect(await refused({ ...signed, headers })).toEqual(['missing_header', 'content-digest']);
  });

  it('content-digest is required even when requiredComponents leaves it out', async () => {
    const required = { ...options, requiredComponents: ['@method', '@target-uri'] };
    // Positive control: the same options accept a signature that covers it.
    expect((await verifyPipevestWebhook(await message(['content-digest', '@method', '@target-uri']), required)).type).toBe('WEBHOOK.CREATED');
    expect((await refused(await message(['content-type', '@method', '@target-uri']), required))[0]).toBe('insufficient_coverage');
  });

  it('@method is required even when requiredComponents leaves it out', async () => {
    const required = { ...options, requiredComponents: ['content-digest'] };
    expect((await verifyPipevestWebhook(await message(['content-digest', '@method']), required)).type).toBe('WEBHOOK.CREATED');
    expect((await refused(await message(['content-digest', 'content-type', '@target-uri']), required))[0]).toBe('insufficient_coverage');
  });

  it('by default content-type and @target-uri are required too; requiredComponents is read in any case', async () => {
    expect((await refused(await message(['content-digest', '@method', '@target-uri'])))[0]).toBe('insufficient_coverage');
    expect((await refused(await message(['content-digest', 'content-type', '@method'])))[0]).toBe('insufficient_coverage');
    const upper = { ...options, requiredComponents: ['Content-Digest', '@METHOD', 'X-Client-Id'] };
    expect((await refused(await message(['content-digest', '@method']), upper))[0]).toBe('insufficient_coverage');
    const covered = await message(['content-digest', '@method', 'x-client-id'], { 'x-client-id': 'c1' });
    expect((await verifyPipevestWebhook(covered, upper)).type).toBe('WEBHOOK.CREATED');
  });

  it('the URL is required even with publicUrl set: the verifier does not make one up', async () => {
    const signed = await message();
    for (const missing of ['', undefined]) {
      const input = { ...signed, url: missing as unknown as string };
      expect(await refused(input, { ...options, publicUrl: url })).toEqual(['malformed_header', undefined]);
      expect(await refused(input, { ...options, publicUrl: () => url })).toEqual(['malformed_header', undefined]);
    }
  });

  it('no key at all (null or undefined, either option) is missing_secret', async () => {
    const signed = await message();
    for (const keys of [{}, { publicKey: undefined, keyResolver: undefined }, { keyResolver: null }, { publicKey: null, keyResolver: null }]) {
      expect((await refused(signed, keys as unknown as PipevestWebhookOptions))[0]).toBe('missing_secret');
    }
  });

  it("the event carries the signature's created time and keyid; none when the signature has no created", async () => {
    const signed = await message();
    const event = await verifyPipevestWebhook(signed, options);
    const created = Number(/;created=(\d+)/.exec(signed.headers['signature-input']!)![1]);
    expect([event.timestamp?.getTime(), event.keyId]).toEqual([created * 1000, key.keyId]);
    const undated = await verifyPipevestWebhook(await message(PIPEVEST_DELIVERY_COMPONENTS, {}, null), { ...options, maxAgeSeconds: Infinity });
    expect(undated.type).toBe('WEBHOOK.CREATED');
    expect('timestamp' in undated).toBe(false);
  });
});

describe('payloads that are not an object', () => {
  it.each(['null', '42', '"text"', '[{"event":"agent.frozen"}]'])('a body of %s is unknown_event, a typed error', async (body) => {
    const headers = { 'x-provenonce-signature': sign(body) };
    expect(refusal(await rejectionOf(verifyProvenonceWebhook({ body, headers }, { secret })))[0]).toBe('unknown_event');
    expect(refusal(thrownBy(() => verifyProvenonceWebhookSync({ body, headers }, { secret })))[0]).toBe('unknown_event');
  });

  it("a body that is not JSON is invalid_json, with the parser's error as its cause", async () => {
    const body = '{"event":';
    const error = await rejectionOf(verifyProvenonceWebhook({ body, headers: { 'x-provenonce-signature': sign(body) } }, { secret }));
    expect(refusal(error)[0]).toBe('invalid_json');
    expect((error as Error).cause).toBeInstanceOf(SyntaxError);
  });
});
