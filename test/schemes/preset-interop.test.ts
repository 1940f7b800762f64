// Each built-in scheme against the library its provider publishes, both ways: deliveries signed
// by hookspec verify with their library, and their library's signatures verify with hookspec.
import '@shopify/shopify-api/adapters/web-api';

import { randomBytes } from 'node:crypto';
import { sign as octokitSign, verify as octokitVerify } from '@octokit/webhooks-methods';
import { ApiVersion, shopifyApi } from '@shopify/shopify-api';
import { getHmac as shopifyGetHmac } from '@shopify/shopify-api/test-helpers';
import { isValidSlackRequest } from '@slack/bolt';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import Stripe from 'stripe';
import { Webhook as SvixWebhook } from 'svix';
import { describe, expect, it } from 'vitest';

import { createHmacScheme } from '../../src/schemes/hmac.ts';
import { formatHmacSignatureHeader, parseHmacSignatureHeader } from '../../src/schemes/hmac-signature-header.ts';
import { hmacPresets } from '../../src/schemes/presets.ts';

const body = JSON.stringify({ id: 'evt_1', type: 'test.event', data: { text: 'héllo ✓', n: 2432232314 } });
const seconds = (offset = 0) => Math.floor(Date.now() / 1000) + offset;
const dateAt = (unix: number) => new Date(unix * 1000);
/** The same header with a wrong signature put before the right one (what a sender does during rotation). */
const wrongThenRight = (preset: keyof typeof hmacPresets, value: string) => {
  const d = hmacPresets[preset];
  const parsed = parseHmacSignatureHeader(value, d, d.header);
  return formatHmacSignatureHeader([randomBytes(32), ...parsed.signatures], d, parsed.timestamp);
};

describe('standard-webhooks against standardwebhooks and svix', () => {
  const secret = `whsec_${randomBytes(32).toString('base64')}`;
  const scheme = createHmacScheme(hmacPresets['standard-webhooks']);
  const libraries = [
    ['standardwebhooks', new StandardWebhook(secret)],
    ['svix', new SvixWebhook(secret)],
  ] as const;

  it.each(libraries)('hookspec signs, %s verifies', async (_name, library) => {
    const headers = await scheme.sign({ body, secret });
    expect(library.verify(body, headers)).toEqual(JSON.parse(body));
    expect(library.verify(Buffer.from(body), { ...headers, 'webhook-signature': wrongThenRight('standard-webhooks', headers['webhook-signature']!) })).toEqual(
      JSON.parse(body),
    );
  });

  it.each(libraries)('%s signs, hookspec verifies (also the second of two signatures, and with the previous secret)', async (_name, library) => {
    const id = `msg_${randomBytes(8).toString('hex')}`;
    const timestamp = seconds();
    const signature = library.sign(id, dateAt(timestamp), body);
    const headers = new Headers({ 'webhook-id': id, 'webhook-timestamp': String(timestamp), 'webhook-signature': signature });
    expect(await scheme.verify({ body, headers, secrets: secret })).toEqual({ secretIndex: 0, messageId: id, timestamp: dateAt(timestamp) });
    headers.set('webhook-signature', wrongThenRight('standard-webhooks', signature));
    expect((await scheme.verify({ body, headers, secrets: [`whsec_${randomBytes(32).toString('base64')}`, secret] })).secretIndex).toBe(1);
  });

  it.each(libraries)('both refuse a timestamp beyond the tolerance, either way (%s)', async (_name, library) => {
    // The libraries read the real clock, so their case keeps a margin a slow machine cannot eat
    // (a delivery 301 s ahead is 299.5 s ahead a second and a half later); hookspec's clock is
    // pinned, so its boundary is exact.
    const now = seconds();
    for (const offset of [-301, 301]) {
      const headers = await scheme.sign({ body, secret, timestamp: dateAt(now + offset) });
      await expect(scheme.verify({ body, headers: new Headers(headers), secrets: secret, now: dateAt(now) })).rejects.toMatchObject({
        code: 'timestamp_out_of_tolerance',
      });
    }
    for (const offset of [-330, 330]) {
      const headers = await scheme.sign({ body, secret, timestamp: dateAt(seconds(offset)) });
      expect(() => library.verify(body, headers)).toThrow();
    }
  });

  it('the published vector verifies in both libraries and in hookspec', async () => {
    const vector = {
      secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
      headers: {
        'webhook-id': 'msg_p5jXN8AQM9LWM0D4loKWxJek',
        'webhook-timestamp': '1614265330',
        'webhook-signature': 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
      },
      body: '{"test": 2432232314}',
    };
    expect(new StandardWebhook(vector.secret).sign(vector.headers['webhook-id'], dateAt(1614265330), vector.body)).toBe(vector.headers['webhook-signature']);
    expect(new SvixWebhook(vector.secret).sign(vector.headers['webhook-id'], dateAt(1614265330), vector.body)).toBe(vector.headers['webhook-signature']);
    expect(await scheme.verify({ body: vector.body, headers: new Headers(vector.headers), secrets: vector.secret, now: dateAt(1614265330) })).toMatchObject({
      secretIndex: 0,
    });
  });
});

describe('github against @octokit/webhooks-methods', () => {
  const secret = randomBytes(16).toString('hex');
  const scheme = createHmacScheme(hmacPresets.github);

  it('hookspec signs, octokit verifies', async () => {
    const headers = await scheme.sign({ body, secret });
    expect(await octokitVerify(secret, body, headers['x-hub-signature-256']!)).toBe(true);
    expect(await octokitVerify('other', body, headers['x-hub-signature-256']!)).toBe(false);
  });

  it('octokit signs, hookspec verifies', async () => {
    const signature = await octokitSign(secret, body);
    const headers = new Headers({ 'x-hub-signature-256': signature, 'x-github-delivery': '72d3162e-cc78-11e3-81ab-4c9367dc0958' });
    expect(await scheme.verify({ body, headers, secrets: ['old', secret] })).toEqual({ secretIndex: 1, messageId: '72d3162e-cc78-11e3-81ab-4c9367dc0958' });
    await expect(scheme.verify({ body: `${body} `, headers, secrets: secret })).rejects.toMatchObject({ code: 'signature_mismatch' });
  });
});

describe('stripe against generateTestHeaderString and constructEvent', () => {
  const secret = `whsec_${randomBytes(16).toString('hex')}`;
  const stripe = new Stripe('sk_test_x');
  const scheme = createHmacScheme(hmacPresets.stripe);

  it('hookspec signs, constructEvent verifies (also with two v1, only the second right)', async () => {
    const timestamp = dateAt(seconds());
    const headers = await scheme.sign({ body, secret, timestamp });
    expect(stripe.webhooks.constructEvent(body, headers['stripe-signature']!, secret)).toEqual(JSON.parse(body));
    const rotated = wrongThenRight('stripe', headers['stripe-signature']!);
    expect(rotated).toMatch(/^t=\d+,v1=[0-9a-f]{64},v1=[0-9a-f]{64}$/);
    expect(stripe.webhooks.constructEvent(body, rotated, secret)).toEqual(JSON.parse(body));
  });

  it('generateTestHeaderString signs, hookspec verifies (also a second v1 and the previous secret)', async () => {
    const timestamp = seconds();
    const header = stripe.webhooks.generateTestHeaderString({ payload: body, secret, timestamp });
    expect(await scheme.verify({ body, headers: new Headers({ 'stripe-signature': header }), secrets: secret })).toEqual({
      secretIndex: 0,
      timestamp: dateAt(timestamp),
    });
    const withOld = `${stripe.webhooks.generateTestHeaderString({ payload: body, secret: 'whsec_old', timestamp })},v0=ignored`;
    expect((await scheme.verify({ body, headers: new Headers({ 'stripe-signature': withOld }), secrets: [secret, 'whsec_old'] })).secretIndex).toBe(1);
    const twoV1 = wrongThenRight('stripe', header);
    expect((await scheme.verify({ body, headers: new Headers({ 'stripe-signature': twoV1 }), secrets: secret })).secretIndex).toBe(0);
  });

  it('a timestamp beyond the tolerance in the future: constructEvent accepts it, hookspec refuses it', async () => {
    const header = stripe.webhooks.generateTestHeaderString({ payload: body, secret, timestamp: seconds(3600) });
    expect(stripe.webhooks.constructEvent(body, header, secret)).toEqual(JSON.parse(body));
    await expect(scheme.verify({ body, headers: new Headers({ 'stripe-signature': header }), secrets: secret })).rejects.toMatchObject({
      code: 'timestamp_out_of_tolerance',
    });
  });
});

describe("slack against @slack/bolt's request verification", () => {
  const secret = randomBytes(16).toString('hex');
  const scheme = createHmacScheme(hmacPresets.slack);
  const slackHeaders = (headers: Record<string, string>) => ({
    'x-slack-signature': headers['x-slack-signature']!,
    'x-slack-request-timestamp': Number(headers['x-slack-request-timestamp']),
  });

  it('hookspec signs, Bolt verifies', async () => {
    const headers = await scheme.sign({ body, secret });
    expect(isValidSlackRequest({ signingSecret: secret, body, headers: slackHeaders(headers) })).toBe(true);
    expect(isValidSlackRequest({ signingSecret: 'other', body, headers: slackHeaders(headers) })).toBe(false);
  });

  it('a Slack-signed request (Bolt accepts it) verifies in hookspec; changed, both refuse it', async () => {
    // Bolt only verifies; the request is signed as Slack does, and Bolt's acceptance is the proof.
    const timestamp = seconds();
    const { createHmac } = await import('node:crypto');
    const signature = `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
    const raw = { 'x-slack-signature': signature, 'x-slack-request-timestamp': String(timestamp) };
    expect(isValidSlackRequest({ signingSecret: secret, body, headers: slackHeaders(raw) })).toBe(true);
    expect(await scheme.verify({ body, headers: new Headers(raw), secrets: secret })).toEqual({ secretIndex: 0, timestamp: dateAt(timestamp) });
    expect(isValidSlackRequest({ signingSecret: secret, body: `${body} `, headers: slackHeaders(raw) })).toBe(false);
    await expect(scheme.verify({ body: `${body} `, headers: new Headers(raw), secrets: secret })).rejects.toMatchObject({ code: 'signature_mismatch' });
  });
});

describe("shopify against @shopify/shopify-api's webhook validation", () => {
  const secret = randomBytes(16).toString('hex');
  const shopify = shopifyApi({
    apiKey: 'test-key',
    apiSecretKey: secret,
    hostName: 'app.example',
    apiVersion: ApiVersion.January26,
    isEmbeddedApp: false,
    logger: { level: 0, log: async () => {} },
  });
  const scheme = createHmacScheme(hmacPresets.shopify);
  const shopifyHeaders = {
    'x-shopify-topic': 'orders/create',
    'x-shopify-shop-domain': 'test-shop.myshopify.com',
    'x-shopify-api-version': '2026-01',
  };
  const validate = (headers: Record<string, string>, rawBody = body) =>
    shopify.webhooks.validate({ rawBody, rawRequest: new Request('https://app.example/webhooks', { method: 'POST', headers, body: rawBody }) });

  it('hookspec signs, shopify.webhooks.validate accepts it', async () => {
    const headers = await scheme.sign({ body, secret });
    expect(headers['x-shopify-webhook-id']).toMatch(/^msg_/);
    expect(await validate({ ...shopifyHeaders, ...headers })).toMatchObject({ valid: true, topic: 'ORDERS_CREATE' });
    expect(await validate({ ...shopifyHeaders, ...headers }, `${body} `)).toMatchObject({ valid: false });
  });

  it("the library's getHmac signs, hookspec verifies", async () => {
    const headers = new Headers({ 'x-shopify-hmac-sha256': shopifyGetHmac(body, secret), 'x-shopify-webhook-id': 'b54557e4-bdd9-4b37-8a5f-bf7d70bcd043' });
    expect(await validate({ ...shopifyHeaders, 'x-shopify-hmac-sha256': headers.get('x-shopify-hmac-sha256')!, 'x-shopify-webhook-id': 'x' })).toMatchObject({
      valid: true,
    });
    expect(await scheme.verify({ body, headers, secrets: ['old', secret] })).toEqual({ secretIndex: 1, messageId: 'b54557e4-bdd9-4b37-8a5f-bf7d70bcd043' });
    await expect(scheme.verify({ body, headers, secrets: 'other' })).rejects.toMatchObject({ code: 'signature_mismatch' });
  });
});
