// Each decision of the generic HMAC scheme pinned on its own: which description takes the plain
// sha256=<hex> path, what each description rule refuses, which headers a signature carries, how
// secrets become keys (and stay cached), and where the timestamp's form and tolerance end.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';

import { WebhookVerificationError } from '../../src/errors/webhook-verification-error.ts';
import { hmacDescription, type HmacDescriptionInput } from '../../src/schemes/hmac-description.ts';
import { createHmacScheme, hmacDescriptionProblems } from '../../src/schemes/hmac.ts';
import { decodeHmacSecret, nodeHmacKey, webHmacKey } from '../../src/schemes/hmac-secret.ts';
import { assertWithinTolerance, formatHmacTimestamp, parseHmacTimestamp } from '../../src/schemes/hmac-timestamp.ts';
import { verifyHmacSha256 } from '../../src/signatures/hmac-sha256-header.ts';
import { nodeCrypto } from '../../src/signatures/node-crypto.ts';
import { verificationCode } from '../support/verification-code.ts';

const scheme = (input: HmacDescriptionInput) => createHmacScheme(hmacDescription.parse(input));
const problems = (input: HmacDescriptionInput) => hmacDescriptionProblems(hmacDescription.parse(input));

const codeOf = verificationCode;

/** The code and header of a refusal, or `ok`. */
async function refusalOf(promise: Promise<unknown>): Promise<string | [string, string | undefined]> {
  try {
    await promise;
    return 'ok';
  } catch (error) {
    if (error instanceof WebhookVerificationError) return [error.code, error.header];
    throw error;
  }
}

const body = '{"id":"evt_1"}';
const at = new Date(1_700_000_000_000);
const later = (seconds: number) => new Date(at.getTime() + seconds * 1000);
const mac = (algorithm: string, key: string | Buffer, content: string) => createHmac(algorithm, key).update(content);

describe('hmacDescriptionProblems: each rule on its own', () => {
  it('a timestamp without a header and no combined header to carry it', () => {
    expect(problems({ header: 'x', timestamp: {} })).toEqual(['timestamp has no header and there is no combined header to carry it']);
    expect(problems({ header: 'x', timestamp: { header: 'x-ts' } })).toEqual([]);
    expect(problems({ header: 'x', timestamp: {}, combined: { 'timestamp-key': 't', 'signature-key': 'v1' } })).toEqual([]);
  });

  it('a prefix that contains the delimiter separating the signatures, combined or listed', () => {
    expect(problems({ header: 'x', 'signature-prefix': 'v,1=', combined: { 'timestamp-key': 't', 'signature-key': 'v1' } })).toEqual([
      'signature-prefix "v,1=" contains the delimiter "," that separates the signatures',
    ]);
    expect(problems({ header: 'x', 'signature-prefix': 'v 1,', 'signatures-delimiter': ' ' })).toEqual([
      'signature-prefix "v 1," contains the delimiter " " that separates the signatures',
    ]);
    expect(problems({ header: 'x', 'signature-prefix': 'v1,', 'signatures-delimiter': ' ' })).toEqual([]);
    // Without a list there is no delimiter to collide with (includes(undefined) would look for the text "undefined").
    expect(problems({ header: 'x', 'signature-prefix': 'undefined,' })).toEqual([]);
  });

  it('a combined header whose timestamp and signature keys are the same', () => {
    expect(problems({ header: 'x', combined: { 'timestamp-key': 't', 'signature-key': 't' } })).toEqual([
      'combined.timestamp-key and combined.signature-key must differ',
    ]);
    expect(() => scheme({ header: 'x', combined: { 'timestamp-key': 't', 'signature-key': 't' } })).toThrow(TypeError);
  });
});

describe('the plain sha256=<hex> path is taken for exactly its description', () => {
  // Each description differs from the plain one in one field: signed and verified by the generic
  // code, never by the sha256=<hex> primitive (which would read it wrongly).
  const key = Buffer.from('0123456789abcdef');
  const other = Buffer.from('another key').toString('base64'); // a usable secret in every encoding
  const neighbours: [string, HmacDescriptionInput, (secret: string) => string, string][] = [
    ['sha1', { header: 'x-sig', algorithm: 'sha1', 'signature-prefix': 'sha256=' }, (s) => `sha256=${mac('sha1', s, body).digest('hex')}`, 's'],
    ['base64', { header: 'x-sig', encoding: 'base64', 'signature-prefix': 'sha256=' }, (s) => `sha256=${mac('sha256', s, body).digest('base64')}`, 's'],
    ['no prefix', { header: 'x-sig' }, (s) => mac('sha256', s, body).digest('hex'), 's'],
    [
      'the body then a literal',
      { header: 'x-sig', 'signature-prefix': 'sha256=', 'payload-format': { components: ['body', { literal: '!' }] } },
      (s) => `sha256=${mac('sha256', s, `${body}!`).digest('hex')}`,
      's',
    ],
    [
      'a base64 secret',
      { header: 'x-sig', 'signature-prefix': 'sha256=', 'secret-encoding': 'base64' },
      () => `sha256=${mac('sha256', key, body).digest('hex')}`,
      key.toString('base64'),
    ],
  ];

  it.each(neighbours)('%s: signed as prescribed and verified (sync and async)', async (_name, input, expected, secret) => {
    const s = scheme(input);
    const headers = await s.sign({ body, secret });
    expect(headers).toStrictEqual({ 'x-sig': expected(secret) });
    expect(s.verifySync({ body, headers: new Headers(headers), secrets: secret })).toStrictEqual({ secretIndex: 0 });
    expect(await s.verify({ body, headers: new Headers(headers), secrets: [other, secret] })).toStrictEqual({ secretIndex: 1 });
  });

  it('only the timestamp signed: the MAC of the timestamp alone', async () => {
    const s = scheme({ header: 'x-sig', 'signature-prefix': 'sha256=', 'payload-format': { components: ['timestamp'] }, timestamp: { header: 'x-ts' } });
    const headers = await s.sign({ body, secret: 's', timestamp: at });
    expect(headers).toStrictEqual({ 'x-sig': `sha256=${mac('sha256', 's', '1700000000').digest('hex')}`, 'x-ts': '1700000000' });
    expect(s.verifySync({ body: 'another body', headers: new Headers(headers), secrets: 's', now: at })).toStrictEqual({ secretIndex: 0, timestamp: at });
  });

  it('a list of signatures: the second one matches', () => {
    const s = scheme({ header: 'x-sig', 'signature-prefix': 'sha256=', 'signatures-delimiter': ' ' });
    const value = `sha256=${'0'.repeat(64)} sha256=${mac('sha256', 's', body).digest('hex')}`;
    expect(s.verifySync({ body, headers: new Headers({ 'x-sig': value }), secrets: 's' })).toStrictEqual({ secretIndex: 0 });
  });

  it('a combined header: t=<unix>,v1=sha256=<hex>', async () => {
    const s = scheme({ header: 'x-sig', 'signature-prefix': 'sha256=', combined: { 'timestamp-key': 't', 'signature-key': 'v1' } });
    const headers = await s.sign({ body, secret: 's', timestamp: at });
    expect(headers).toStrictEqual({ 'x-sig': `t=1700000000,v1=sha256=${mac('sha256', 's', body).digest('hex')}` });
    expect(s.verifySync({ body, headers: new Headers(headers), secrets: 's', now: at })).toStrictEqual({ secretIndex: 0, timestamp: at });
  });

  it('the plain description answers each value as the sha256=<hex> primitive always has', async () => {
    const plain = scheme({ header: 'X-Webhook-Signature', 'signature-prefix': 'sha256=' });
    const right = `sha256=${mac('sha256', 's', body).digest('hex')}`;
    const cases: [string | undefined, string][] = [
      [undefined, 'missing_header'],
      ['', 'missing_header'],
      // A blank value given as `signature` (Headers trims a received one to ''): the primitive
      // calls it malformed, the generic path would call it missing.
      ['   ', 'malformed_header'],
      ['sha256=abc', 'malformed_header'],
      [`sha256=${'0'.repeat(64)}`, 'signature_mismatch'],
      [right.toUpperCase().replace('SHA256=', 'sha256='), 'ok'],
      [` ${right} `, 'ok'],
    ];
    for (const [value, code] of cases) {
      const input = { body, headers: new Headers(), secrets: 's', signature: value };
      expect([value, codeOf(() => plain.verifySync(input))]).toEqual([value, code]);
      expect([value, codeOf(() => verifyHmacSha256('s', body, value, { headerName: 'x-webhook-signature' }))]).toEqual([value, code]);
      const refusal = await refusalOf(plain.verify(input));
      expect([value, refusal]).toEqual([value, code === 'ok' ? 'ok' : [code, 'x-webhook-signature']]);
    }
  });

  it('a plain signature with a timestamp header: the tolerance still holds, both ways', async () => {
    const s = scheme({ header: 'x-sig', 'signature-prefix': 'sha256=', timestamp: { header: 'X-Ts', tolerance: 60 } });
    const headers = new Headers(await s.sign({ body, secret: 's', timestamp: at }));
    expect(headers.get('x-sig')).toBe(`sha256=${mac('sha256', 's', body).digest('hex')}`);
    expect(s.verifySync({ body, headers, secrets: 's', now: later(60) })).toStrictEqual({ secretIndex: 0, timestamp: at });
    expect(await s.verify({ body, headers, secrets: 's', now: later(-60) })).toStrictEqual({ secretIndex: 0, timestamp: at });
    expect(await refusalOf(s.verify({ body, headers, secrets: 's', now: later(61) }))).toEqual(['timestamp_out_of_tolerance', 'x-ts']);
    expect(await refusalOf(s.verify({ body, headers, secrets: 's', now: later(-61) }))).toEqual(['timestamp_out_of_tolerance', 'x-ts']);
    headers.delete('x-ts');
    expect(await refusalOf(s.verify({ body, headers, secrets: 's', now: at }))).toEqual(['missing_header', 'x-ts']);
  });

  it('a plain signature with a message id (GitHub): the id is returned, and required', async () => {
    const github = scheme({ header: 'X-Hub-Signature-256', 'signature-prefix': 'sha256=', 'message-id': { header: 'X-GitHub-Delivery' } });
    const headers = new Headers(await github.sign({ body, secret: 's', messageId: 'd-1' }));
    expect(await github.verify({ body, headers, secrets: ['t', 's'] })).toStrictEqual({ secretIndex: 1, messageId: 'd-1' });
    headers.delete('x-github-delivery');
    expect(await refusalOf(github.verify({ body, headers, secrets: 's' }))).toEqual(['missing_header', 'x-github-delivery']);
  });
});

describe('what a signature carries', () => {
  it('only the headers the description has', async () => {
    expect(Object.keys(await scheme({ header: 'X-Sig', 'signature-prefix': 'sha256=' }).sign({ body, secret: 's' }))).toEqual(['x-sig']);
    expect(Object.keys(await scheme({ header: 'X-Sig' }).sign({ body, secret: 's' }))).toEqual(['x-sig']);
    const withId = scheme({ header: 'X-Sig', 'message-id': { header: 'X-Id' } });
    expect(Object.keys(await withId.sign({ body, secret: 's' })).sort()).toEqual(['x-id', 'x-sig']);
  });

  it('a generated message id is msg_ and 32 hex digits; a given one is any visible ASCII, inner spaces included', async () => {
    const withId = scheme({ header: 'X-Sig', 'message-id': { header: 'X-Id' } });
    expect((await withId.sign({ body, secret: 's' }))['x-id']).toMatch(/^msg_[0-9a-f]{32}$/);
    for (const messageId of ['a', 'a b', '!~', 'msg 1 2']) expect((await withId.sign({ body, secret: 's', messageId }))['x-id']).toBe(messageId);
  });

  it('a scheme without a timestamp or an id ignores the ones given', async () => {
    const plain = scheme({ header: 'X-Sig' });
    expect(await plain.sign({ body, secret: 's', timestamp: new Date(Number.NaN), messageId: ' not a header value' })).toStrictEqual({
      'x-sig': mac('sha256', 's', body).digest('hex'),
    });
  });

  it('an invalid signing time is refused where the scheme has a timestamp', async () => {
    await expect(scheme({ header: 'X-Sig', timestamp: { header: 'X-Ts' } }).sign({ body, secret: 's', timestamp: new Date(Number.NaN) })).rejects.toThrow(
      TypeError,
    );
    expect(() => formatHmacTimestamp(new Date(Number.NaN), 'unix-seconds')).toThrow(TypeError);
  });

  it('a parsed body is refused when signing', async () => {
    await expect(scheme({ header: 'X-Sig', timestamp: { header: 'X-Ts' } }).sign({ body: JSON.parse(body), secret: 's' })).rejects.toMatchObject({
      code: 'body_already_parsed',
    });
  });

  it('an empty notification URL is no URL, signing and verifying', async () => {
    const s = scheme({ header: 'x-sig', 'payload-format': { components: ['notification-url', 'body'] } });
    await expect(s.sign({ body, secret: 's', url: '' })).rejects.toThrow(TypeError);
    const headers = new Headers(await s.sign({ body, secret: 's', url: 'https://a.example/' }));
    expect(() => s.verifySync({ body, headers, secrets: 's', url: '' })).toThrow(TypeError);
  });

  it('a combined header without a timestamp field still carries and checks a timestamp (default tolerance 300 s)', async () => {
    const s = scheme({ header: 'X-Sig', combined: { 'timestamp-key': 't', 'signature-key': 'v1' } });
    const headers = await s.sign({ body, secret: 's', timestamp: at });
    expect(headers).toStrictEqual({ 'x-sig': `t=1700000000,v1=${mac('sha256', 's', body).digest('hex')}` });
    expect(s.verifySync({ body, headers: new Headers(headers), secrets: 's', now: later(300) })).toStrictEqual({ secretIndex: 0, timestamp: at });
    expect(codeOf(() => s.verifySync({ body, headers: new Headers(headers), secrets: 's', now: later(301) }))).toBe('timestamp_out_of_tolerance');
    expect(codeOf(() => s.verifySync({ body, headers: new Headers(headers), secrets: 's', now: later(-301) }))).toBe('timestamp_out_of_tolerance');
  });

  it('a combined header with a timestamp header named too: the timestamp travels, and is judged, in the combined header', async () => {
    const s = scheme({
      header: 'X-Sig',
      combined: { 'timestamp-key': 't', 'signature-key': 'v1' },
      'payload-format': { components: ['timestamp', 'body'], delimiter: '.' },
      timestamp: { header: 'X-Ts', tolerance: 60 },
    });
    const headers = await s.sign({ body, secret: 's', timestamp: at });
    expect(headers).toStrictEqual({ 'x-sig': `t=1700000000,v1=${mac('sha256', 's', `1700000000.${body}`).digest('hex')}` });
    const received = new Headers({ ...headers, 'x-ts': '1' });
    expect(s.verifySync({ body, headers: received, secrets: 's', now: at })).toStrictEqual({ secretIndex: 0, timestamp: at });
    expect(await refusalOf(s.verify({ body, headers: received, secrets: 's', now: later(61) }))).toEqual(['timestamp_out_of_tolerance', 'x-sig']);
  });
});

describe('secrets as keys', () => {
  const key16 = Buffer.from('0123456789abcdef').toString('base64'); // 24 characters, ends in ==

  it('whsec_ is stripped only for whsec-base64; an empty or non-base64 key is invalid_key', () => {
    expect(Buffer.from(decodeHmacSecret(`whsec_${key16}`, 'whsec-base64')).toString()).toBe('0123456789abcdef');
    expect(Buffer.from(decodeHmacSecret(key16, 'whsec-base64')).toString()).toBe('0123456789abcdef');
    expect(Buffer.from(decodeHmacSecret(key16, 'base64')).toString()).toBe('0123456789abcdef');
    expect(Buffer.from(decodeHmacSecret(`whsec_${key16}`, 'utf8')).toString()).toBe(`whsec_${key16}`);
    for (const [secret, encoding] of [
      [`whsec_${key16}`, 'base64'],
      ['whsec_', 'whsec-base64'],
      ['', 'base64'],
      ['***', 'base64'],
    ] as const) {
      expect([secret, codeOf(() => decodeHmacSecret(secret, encoding))]).toEqual([secret, 'invalid_key']);
    }
  });

  it('node:crypto: a text secret is used as it is; a base64 key is imported once', () => {
    expect(nodeHmacKey(nodeCrypto!, 'text secret', 'utf8')).toBe('text secret');
    // A secret no other test uses, so that this test is the one that imports it.
    const secret = Buffer.from('imported once').toString('base64');
    const first = nodeHmacKey(nodeCrypto!, secret, 'base64');
    expect(typeof first).toBe('object');
    expect(nodeHmacKey(nodeCrypto!, secret, 'base64')).toBe(first);
  });

  it('Web Crypto: a key is imported once, not extractable; a bad secret is a rejected promise, a failed import is not kept', async () => {
    const first = webHmacKey('web secret', 'utf8', 'sha384');
    expect(webHmacKey('web secret', 'utf8', 'sha384')).toBe(first);
    const key = await first;
    expect([key.extractable, key.algorithm]).toEqual([false, { name: 'HMAC', hash: { name: 'SHA-384' }, length: 80 }]);

    const hashes = await Promise.all((['sha1', 'sha256', 'sha384', 'sha512'] as const).map((algorithm) => webHmacKey('k', 'utf8', algorithm)));
    expect(hashes.map((k) => (k.algorithm as HmacKeyAlgorithm).hash.name)).toEqual(['SHA-1', 'SHA-256', 'SHA-384', 'SHA-512']);

    const bad = webHmacKey('whsec_***', 'whsec-base64', 'sha256');
    expect(bad).toBeInstanceOf(Promise);
    await expect(bad).rejects.toMatchObject({ code: 'invalid_key' });

    // Web Crypto refuses an empty HMAC key: the rejection is not cached for the next call.
    const failed = webHmacKey('', 'utf8', 'sha256');
    await expect(failed).rejects.toThrow();
    expect(webHmacKey('', 'utf8', 'sha256')).not.toBe(failed);
  });
});

describe('timestamps', () => {
  it.each(['1e9', '-1', '+1', '0x10', '1700000000.5', '12345678901234567', 'a1700000000', '1700000000a', ''])('%j is not Unix time', (text) => {
    for (const format of ['unix-seconds', 'unix-millis'] as const) {
      try {
        parseHmacTimestamp(text, format, 'x-ts');
        expect.unreachable();
      } catch (error) {
        expect(error).toMatchObject({ code: 'malformed_header', header: 'x-ts' });
      }
    }
  });

  it('up to 16 digits, with surrounding spaces, are Unix time', () => {
    expect(parseHmacTimestamp(' 1700000000 ', 'unix-seconds', 'x-ts')).toEqual(at);
    expect(parseHmacTimestamp('1700000000000', 'unix-millis', 'x-ts')).toEqual(at);
    expect(parseHmacTimestamp('0', 'unix-seconds', 'x-ts').getTime()).toBe(0);
    expect(parseHmacTimestamp('1234567890123456', 'unix-millis', 'x-ts').getTime()).toBe(1234567890123456);
  });

  it('the tolerance holds to the millisecond, both ways, and the error names the header', () => {
    expect(codeOf(() => assertWithinTolerance(at, later(300), 300, 'x-ts'))).toBe('ok');
    expect(codeOf(() => assertWithinTolerance(at, later(-300), 300, 'x-ts'))).toBe('ok');
    for (const now of [new Date(at.getTime() + 300_001), new Date(at.getTime() - 300_001)]) {
      expect(() => assertWithinTolerance(at, now, 300, 'x-ts')).toThrow(expect.objectContaining({ code: 'timestamp_out_of_tolerance', header: 'x-ts' }));
    }
  });
});
