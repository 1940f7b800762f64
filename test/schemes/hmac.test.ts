// The generic HMAC scheme: known answers from the providers' documents, every field, and the
// precise error for each way a delivery can be wrong.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';

import { hmacDescription, type HmacDescriptionInput } from '../../src/schemes/hmac-description.ts';
import { createHmacScheme, hmacDescriptionProblems, type HmacVerifyInput } from '../../src/schemes/hmac.ts';
import { hmacPresets } from '../../src/schemes/presets.ts';
import { signHmacSha256 } from '../../src/signatures/index.ts';
import { verificationCode } from '../support/verification-code.ts';

const scheme = (input: HmacDescriptionInput) => createHmacScheme(hmacDescription.parse(input));

const codeOf = verificationCode;

// Standard Webhooks' JS library test vector (libraries/javascript/src/index.test.ts, the README of
// standard-webhooks/standard-webhooks), also in its Go and Python libraries.
const SW = {
  secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
  timestamp: '1614265330',
  body: '{"test": 2432232314}',
  signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
};
const swNow = new Date(1614265330 * 1000);
const swHeaders = (signature = SW.signature) => new Headers({ 'webhook-id': SW.id, 'webhook-timestamp': SW.timestamp, 'webhook-signature': signature });

describe('known answers', () => {
  const standard = createHmacScheme(hmacPresets['standard-webhooks']);

  it('signs the Standard Webhooks vector byte for byte', async () => {
    const headers = await standard.sign({ body: SW.body, secret: SW.secret, messageId: SW.id, timestamp: swNow });
    expect(headers).toEqual({ 'webhook-signature': SW.signature, 'webhook-timestamp': SW.timestamp, 'webhook-id': SW.id });
  });

  it('verifies the Standard Webhooks vector (sync and async), with or without the whsec_ prefix', async () => {
    const input = { body: SW.body, headers: swHeaders(), secrets: SW.secret, now: swNow };
    expect(standard.verifySync(input)).toEqual({ secretIndex: 0, messageId: SW.id, timestamp: swNow });
    expect(await standard.verify({ ...input, secrets: ['whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAA', SW.secret.slice(6)] })).toEqual({
      secretIndex: 1,
      messageId: SW.id,
      timestamp: swNow,
    });
  });

  it('signs the GitHub documentation example (secret "It\'s a Secret to Everybody", body "Hello, World!")', async () => {
    // https://docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries#testing-the-webhook-payload-validation
    const headers = await createHmacScheme(hmacPresets.github).sign({ body: 'Hello, World!', secret: "It's a Secret to Everybody", messageId: 'd1' });
    expect(headers['x-hub-signature-256']).toBe('sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17');
  });

  it('signs the Slack documentation example', async () => {
    // https://api.slack.com/authentication/verifying-requests-from-slack (the worked example).
    const body =
      'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';
    const headers = await createHmacScheme(hmacPresets.slack).sign({
      body,
      secret: '8f742231b10e8888abcd99yyyzzz85a5',
      timestamp: new Date(1531420618 * 1000),
    });
    expect(headers).toEqual({
      'x-slack-signature': 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503',
      'x-slack-request-timestamp': '1531420618',
    });
  });

  it('writes Stripe\'s t=<unix>,v1=<hex> over "t.body"', async () => {
    const headers = await createHmacScheme(hmacPresets.stripe).sign({ body: '{}', secret: 'whsec_x', timestamp: new Date(1_700_000_000_000) });
    const expected = createHmac('sha256', 'whsec_x').update('1700000000.{}').digest('hex');
    expect(headers).toEqual({ 'stripe-signature': `t=1700000000,v1=${expected}` });
  });

  it('the plain sha256=<hex> configuration signs exactly as the existing primitive', async () => {
    const plain = scheme({ header: 'X-Webhook-Signature', 'signature-prefix': 'sha256=' });
    expect(await plain.sign({ body: 'abc', secret: 's' })).toEqual({ 'x-webhook-signature': signHmacSha256('s', 'abc') });
  });
});

it('refuses a message id that would not survive a header', async () => {
  const standard = createHmacScheme(hmacPresets['standard-webhooks']);
  for (const messageId of ['', ' id', 'id\n', 'ü']) {
    await expect(standard.sign({ body: '{}', secret: SW.secret, messageId })).rejects.toThrow(/messageId must be visible ASCII/);
  }
});

describe('descriptions that cannot work are refused', () => {
  it('names the field', () => {
    expect(hmacDescriptionProblems(hmacDescription.parse({ header: 'x', 'payload-format': { components: ['message-id', 'body'] } }))).toEqual([
      'payload-format.components signs message-id but message-id.header is not set',
    ]);
    expect(() => scheme({ header: 'x', 'payload-format': { components: ['timestamp', 'body'] } })).toThrow(/timestamp\.header nor combined/);
    expect(() => scheme({ header: 'x', 'signatures-delimiter': ' ', combined: { 'timestamp-key': 't', 'signature-key': 'v1' } })).toThrow(/cannot both be set/);
    for (const preset of Object.values(hmacPresets)) expect(hmacDescriptionProblems(preset)).toEqual([]);
  });
});

describe('verification errors', () => {
  const standard = createHmacScheme(hmacPresets['standard-webhooks']);
  const base: HmacVerifyInput = { body: SW.body, headers: swHeaders(), secrets: SW.secret, now: swNow };
  const without = (name: string) => {
    const headers = swHeaders();
    headers.delete(name);
    return headers;
  };

  it.each([
    ['no secret', { secrets: [] }, 'missing_secret'],
    ['an empty secret', { secrets: '' }, 'missing_secret'],
    ['a secret that is not base64', { secrets: 'whsec_***' }, 'invalid_key'],
    ['a parsed body', { body: JSON.parse(SW.body) }, 'body_already_parsed'],
    ['no signature header', { headers: without('webhook-signature') }, 'missing_header'],
    ['a blank signature header', { headers: swHeaders('  ') }, 'missing_header'],
    ['no webhook-id', { headers: without('webhook-id') }, 'missing_header'],
    ['no webhook-timestamp', { headers: without('webhook-timestamp') }, 'missing_header'],
    ['a signature without the v1, prefix', { headers: swHeaders(SW.signature.slice(3)) }, 'malformed_header'],
    ['only another version', { headers: swHeaders(`v1a,${'A'.repeat(86)}==`) }, 'malformed_header'],
    ['a signature of the wrong length', { headers: swHeaders('v1,AAAA') }, 'malformed_header'],
    ['a signature that is not base64', { headers: swHeaders('v1,@@@@') }, 'malformed_header'],
    ['a wrong signature', { headers: swHeaders(`v1,${'A'.repeat(43)}=`) }, 'signature_mismatch'],
    ['another secret', { secrets: 'whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAA' }, 'signature_mismatch'],
    ['a changed body', { body: `${SW.body} ` }, 'signature_mismatch'],
    ['a timestamp 301 s old', { now: new Date(swNow.getTime() + 301_000) }, 'timestamp_out_of_tolerance'],
    ['a timestamp 301 s ahead', { now: new Date(swNow.getTime() - 301_000) }, 'timestamp_out_of_tolerance'],
    ['a tolerance of 10 s, 11 s off', { now: new Date(swNow.getTime() + 11_000), toleranceSeconds: 10 }, 'timestamp_out_of_tolerance'],
  ] as const)('%s → %s', async (_name, change, code) => {
    const input = { ...base, ...change } as HmacVerifyInput;
    expect(codeOf(() => standard.verifySync(input))).toBe(code);
    await expect(standard.verify(input)).rejects.toMatchObject({ code });
  });

  it('accepts exactly the tolerance, both ways', () => {
    expect(codeOf(() => standard.verifySync({ ...base, now: new Date(swNow.getTime() + 300_000) }))).toBe('ok');
    expect(codeOf(() => standard.verifySync({ ...base, now: new Date(swNow.getTime() - 300_000) }))).toBe('ok');
  });

  it('names the header in the error', () => {
    try {
      standard.verifySync({ ...base, headers: without('webhook-id') });
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({ code: 'missing_header', header: 'webhook-id' });
    }
  });

  it('takes the signature the caller gives instead of the header', () => {
    expect(standard.verifySync({ ...base, headers: without('webhook-signature'), signature: SW.signature }).secretIndex).toBe(0);
  });
});

describe('combined header, notification URL, other formats', () => {
  const stripe = createHmacScheme(hmacPresets.stripe);
  const at = new Date(1_700_000_000_000);
  const body = '{"id":"evt_1"}';
  const v1 = createHmac('sha256', 's').update(`1700000000.${body}`).digest('hex');
  const verify = (value: string) => codeOf(() => stripe.verifySync({ body, headers: new Headers({ 'stripe-signature': value }), secrets: 's', now: at }));

  it.each([
    [`t=1700000000,v1=${v1}`, 'ok'],
    [` t=1700000000 , v0=abc , v1=${'0'.repeat(64)} , v1=${v1} `, 'ok'],
    [`v1=${v1},t=1700000000`, 'ok'],
    [`v1=${v1}`, 'malformed_header'],
    ['t=1700000000,v0=abc', 'malformed_header'],
    [`t=1700000000,v1=${v1.slice(2)}`, 'malformed_header'],
    [`t=soon,v1=${v1}`, 'signature_mismatch'],
    [`t=1700000001,v1=${v1}`, 'signature_mismatch'],
  ])('Stripe-Signature %s → %s', (value, code) => {
    expect(verify(value)).toBe(code);
  });

  it('a signed notification URL must be given, and a different one is refused', async () => {
    const withUrl = scheme({ header: 'x-sig', 'payload-format': { components: ['notification-url', 'body'], delimiter: '' } });
    await expect(withUrl.sign({ body, secret: 's' })).rejects.toThrow(/notification URL/);
    const headers = new Headers(await withUrl.sign({ body, secret: 's', url: 'https://a.example/hook' }));
    expect(withUrl.verifySync({ body, headers, secrets: 's', url: 'https://a.example/hook' }).secretIndex).toBe(0);
    expect(codeOf(() => withUrl.verifySync({ body, headers, secrets: 's', url: 'https://b.example/hook' }))).toBe('signature_mismatch');
    expect(() => withUrl.verifySync({ body, headers, secrets: 's' })).toThrow(/notification URL/);
  });

  it('unix-millis and ISO 8601 timestamps, signed and checked against the tolerance', async () => {
    for (const [format, text] of [
      ['unix-millis', '1700000000000'],
      ['iso8601', '2023-11-14T22:13:20.000Z'],
    ] as const) {
      const s = scheme({
        header: 'x-sig',
        'payload-format': { components: ['timestamp', 'body'], delimiter: '.' },
        timestamp: { header: 'x-ts', format, tolerance: 60 },
      });
      const headers = await s.sign({ body, secret: 's', timestamp: at });
      expect(headers['x-ts']).toBe(text);
      expect(headers['x-sig']).toBe(createHmac('sha256', 's').update(`${text}.${body}`).digest('hex'));
      expect(s.verifySync({ body, headers: new Headers(headers), secrets: 's', now: at }).timestamp).toEqual(at);
      expect(codeOf(() => s.verifySync({ body, headers: new Headers(headers), secrets: 's', now: new Date(at.getTime() + 61_000) }))).toBe(
        'timestamp_out_of_tolerance',
      );
    }
  });

  it('base64 secrets (with and without whsec_) give the key bytes; utf8 secrets the text', async () => {
    const key = Buffer.from('0123456789abcdef');
    for (const [encoding, secret] of [
      ['base64', key.toString('base64')],
      ['whsec-base64', `whsec_${key.toString('base64')}`],
      ['utf8', '0123456789abcdef'],
    ] as const) {
      const headers = await scheme({ header: 'x-sig', 'secret-encoding': encoding, encoding: 'base64' }).sign({ body, secret });
      expect(headers['x-sig']).toBe(createHmac('sha256', key).update(body).digest('base64'));
    }
  });
});
