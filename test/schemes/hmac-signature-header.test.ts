// The signature header of an `hmac` scheme, read and written directly: which entries count as a
// signature, which are skipped, the code and header of each refusal, and the exact text written.
import { describe, expect, it } from 'vitest';

import { WebhookVerificationError } from '../../src/errors/webhook-verification-error.ts';
import { hmacDescription } from '../../src/schemes/hmac-description.ts';
import { decodeMac, encodeMac, formatHmacSignatureHeader, parseHmacSignatureHeader, signatureShape } from '../../src/schemes/hmac-signature-header.ts';
import { hmacPresets } from '../../src/schemes/presets.ts';

const { github, stripe, 'standard-webhooks': standard } = hmacPresets;

// GitHub's documentation example (sha256=<hex>) and Standard Webhooks' JS library vector (v1,<base64>).
const HEX = '757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17';
const OTHER_HEX = 'a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503';
const B64 = 'g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=';
const B64_HEX = '83484cf52b04f8e4cf2531adfed9882ad4b2665137b852442d594d20e2c9d4e1';

const hexOf = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const parsed = (value: string, description = github, header = 'x-hub-signature-256') => {
  const { signatures, timestamp } = parseHmacSignatureHeader(value, description, header);
  return { signatures: signatures.map(hexOf), timestamp };
};

/** What parsing threw, as code, header and message. */
function refusal(value: string | null | undefined, description = github, header = 'x-hub-signature-256') {
  try {
    parseHmacSignatureHeader(value, description, header);
  } catch (error) {
    if (error instanceof WebhookVerificationError) return { code: error.code, header: error.header, message: error.message };
    throw error;
  }
  throw new Error('parsed without an error');
}

describe('parseHmacSignatureHeader', () => {
  it.each([
    ['absent (null)', null],
    ['absent (undefined)', undefined],
    ['empty', ''],
    ['blank', ' \t '],
  ])('a header that is %s is missing_header, naming the header as given', (_name, value) => {
    expect(refusal(value, github, 'X-Hub-Signature-256')).toMatchObject({ code: 'missing_header', header: 'X-Hub-Signature-256' });
  });

  it('reads one signature, the value trimmed', () => {
    expect(parsed(` sha256=${HEX} `)).toEqual({ signatures: [HEX], timestamp: undefined });
  });

  it('a scheme without a list takes exactly one signature: two are not its form (malformed_header, with the shape in the message)', () => {
    expect(refusal(`sha256=${HEX} sha256=${HEX}`)).toEqual({
      code: 'malformed_header',
      header: 'x-hub-signature-256',
      message: 'The x-hub-signature-256 header is not sha256=<64 hex digits>: pass the raw header value unchanged.',
    });
    expect(refusal(HEX)).toMatchObject({ code: 'malformed_header', header: 'x-hub-signature-256' });
  });

  it('a list keeps the entries with the prefix whose value decodes to a MAC of the right length, in order', () => {
    const value = `v2,${B64} v1,@@@@ v1,AAAA v1a,${B64} v1,${B64} v1,${B64.replace('+', '-').replace('/', '_')}`;
    expect(parsed(value, standard, 'webhook-signature')).toEqual({ signatures: [B64_HEX, B64_HEX], timestamp: undefined });
  });

  it('entries of a list are trimmed around the delimiter', () => {
    const listed = hmacDescription.parse({ header: 'X-Sig', 'signature-prefix': 'sha256=', 'signatures-delimiter': ',' });
    expect(parsed(`sha256=${HEX}, sha256=${OTHER_HEX} ,sha1=${HEX}`, listed, 'x-sig').signatures).toEqual([HEX, OTHER_HEX]);
  });

  it('a list without a usable entry is malformed_header, with the shape in the message', () => {
    expect(refusal(`v1a,${B64} v2,${B64}`, standard, 'webhook-signature')).toEqual({
      code: 'malformed_header',
      header: 'webhook-signature',
      message: 'The webhook-signature header has no v1,<base64> signature: pass the raw header value unchanged.',
    });
  });

  describe('combined (Stripe: t=<ts>,v1=<sig>)', () => {
    it('reads the timestamp and every v1 signature, trimmed, skipping other keys and parts without a key and "="', () => {
      expect(parsed(`tX,=1, t = 1614265330 ,v0=${OTHER_HEX},v1=${HEX}, v1=${OTHER_HEX},v1=zz,t=1`, stripe, 'stripe-signature')).toEqual({
        signatures: [HEX, OTHER_HEX],
        timestamp: '1614265330',
      });
    });

    it('only the signature key counts: a v0 signature alone is malformed_header, with the shape in the message', () => {
      expect(refusal(`t=1614265330,v0=${HEX}`, stripe, 'stripe-signature')).toEqual({
        code: 'malformed_header',
        header: 'stripe-signature',
        message: 'The stripe-signature header has no v1=<64 hex digits> signature: pass the raw header value unchanged.',
      });
    });

    it.each([
      ['no t=', `v1=${HEX}`],
      ['an empty t=', `t=,v1=${HEX}`],
      ['a blank t=', `t= ,v1=${HEX}`],
    ])('%s is malformed_header, naming the timestamp key', (_name, value) => {
      expect(refusal(value, stripe, 'stripe-signature')).toEqual({
        code: 'malformed_header',
        header: 'stripe-signature',
        message: 'The stripe-signature header has no t=<timestamp>: pass the raw header value unchanged.',
      });
    });

    it('a signature prefix inside a combined header is required and removed', () => {
      const prefixed = hmacDescription.parse({
        header: 'X-Sig',
        'signature-prefix': 'sha256=',
        combined: { 'timestamp-key': 'ts', 'signature-key': 'sig' },
      });
      expect(parsed(`ts=1,sig=sha257=${OTHER_HEX},sig=sha256=${HEX}`, prefixed, 'x-sig')).toEqual({ signatures: [HEX], timestamp: '1' });
      expect(refusal(`ts=1,sig=sha257=${HEX}`, prefixed, 'x-sig')).toMatchObject({ code: 'malformed_header', header: 'x-sig' });
    });
  });
});

describe('signatureShape', () => {
  it.each([
    ['github', github, 'sha256=<64 hex digits>'],
    ['standard-webhooks', standard, 'v1,<base64>'],
    ['stripe', stripe, 'v1=<64 hex digits>'],
    ['sha1 hex without a prefix', hmacDescription.parse({ header: 'x', algorithm: 'sha1' }), '<40 hex digits>'],
    ['sha512 base64 without a prefix', hmacDescription.parse({ header: 'x', algorithm: 'sha512', encoding: 'base64' }), '<base64>'],
  ])('%s: %s', (_name, description, shape) => {
    expect(signatureShape(description)).toBe(shape);
  });
});

describe('decodeMac and encodeMac', () => {
  it('hex: exactly twice the MAC length in hex digits', () => {
    expect(hexOf(decodeMac(HEX, github)!)).toBe(HEX);
    expect(hexOf(decodeMac(HEX.toUpperCase(), github)!)).toBe(HEX);
    expect(decodeMac(HEX.slice(2), github)).toBeUndefined();
    expect(decodeMac(`${HEX}00`, github)).toBeUndefined();
    expect(decodeMac(`${HEX.slice(2)}zz`, github)).toBeUndefined();
    expect(encodeMac(decodeMac(HEX, github)!, github)).toBe(HEX);
  });

  it('base64: standard or URL-safe, padded, of exactly the MAC length', () => {
    expect(hexOf(decodeMac(B64, standard)!)).toBe(B64_HEX);
    expect(hexOf(decodeMac(B64.replace('+', '-').replace('/', '_'), standard)!)).toBe(B64_HEX);
    expect(decodeMac('AAAA', standard)).toBeUndefined();
    expect(decodeMac('', standard)).toBeUndefined();
    expect(decodeMac(`${B64.slice(0, -1)}!`, standard)).toBeUndefined();
    expect(decodeMac(` ${B64}`, standard)).toBeUndefined();
    expect(decodeMac(`${B64}=`, standard)).toBeUndefined();
    expect(encodeMac(decodeMac(B64, standard)!, standard)).toBe(B64);
  });
});

describe('formatHmacSignatureHeader', () => {
  const mac = decodeMac(HEX, github)!;
  const other = decodeMac(OTHER_HEX, github)!;

  it('writes one prefixed signature', () => {
    expect(formatHmacSignatureHeader([mac], github)).toBe(`sha256=${HEX}`);
  });

  it('writes a list joined by its delimiter', () => {
    const [a, b] = [decodeMac(B64, standard)!, mac];
    expect(formatHmacSignatureHeader([a, b], standard)).toBe(`v1,${B64} v1,${btoa(String.fromCharCode(...b))}`);
  });

  it('writes a combined header: the timestamp first, then each signature under its key', () => {
    expect(formatHmacSignatureHeader([mac, other], stripe, '1614265330')).toBe(`t=1614265330,v1=${HEX},v1=${OTHER_HEX}`);
  });

  it('refuses a combined header without its timestamp, and more or fewer than one signature where there is no list', () => {
    expect(() => formatHmacSignatureHeader([mac], stripe)).toThrow(TypeError);
    expect(() => formatHmacSignatureHeader([mac, other], github)).toThrow(TypeError);
    expect(() => formatHmacSignatureHeader([], github)).toThrow(TypeError);
  });
});
