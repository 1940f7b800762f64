import { createHmac } from 'node:crypto';

import { describe, expect, it } from 'vitest';

import {
  isValidHmacSha256,
  isValidHmacSha256Async,
  parseHmacSha256Header,
  signHmacSha256,
  signHmacSha256Async,
  verifyHmacSha256,
  verifyHmacSha256Async,
  type HmacSecrets,
  type SignatureHeaderValue,
} from '../../src/signatures/index.ts';
import { codeOf, expectVerificationError, rejectionOf, thrownBy } from './helpers.ts';
import { verifySignature as sidclawVerifySignature } from './sidclaw-snippet.js';
import rfc4231 from './vectors/rfc4231-hmac-sha256.json' with { type: 'json' };

const SECRET = 'whsec_test_0123456789abcdef';
const BODY = '{"id":"evt_1","event":"test","data":{"message":"héllo"}}';
/** HMAC-SHA256 of BODY (UTF-8) under SECRET, computed outside this code (Python's hmac module) and pinned. */
const EXPECTED = 'sha256=fb5d9ade70d5c59a7266e460cf4ec62193397125c1375f2171821b56cba7eda5';

describe('signHmacSha256', () => {
  it('produces sha256=<lowercase hex> of HMAC-SHA256(secret as UTF-8, body)', () => {
    expect(signHmacSha256(SECRET, BODY)).toBe(EXPECTED);
    expect(signHmacSha256(SECRET, BODY)).toMatch(/^sha256=[0-9a-f]{64}$/);
  });

  for (const vector of rfc4231.cases) {
    it(`${vector.name}: sign and verify (sync and Web Crypto) give the published HMAC`, async () => {
      const key = new Uint8Array(Buffer.from(vector.keyHex, 'hex'));
      const data = new Uint8Array(Buffer.from(vector.dataHex, 'hex'));
      const header = `sha256=${vector.hmacSha256Hex}`;
      expect(signHmacSha256(key, data)).toBe(header);
      expect(await signHmacSha256Async(key, data)).toBe(header);
      expect(verifyHmacSha256(key, data, header)).toBe(0);
      expect(await verifyHmacSha256Async(key, data, header)).toBe(0);
    });
  }

  it('matches a widely published value (key "key", the quick brown fox)', () => {
    // HMAC-SHA256("key", "The quick brown fox jumps over the lazy dog"), a widely published value.
    expect(signHmacSha256('key', 'The quick brown fox jumps over the lazy dog')).toBe(
      'sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8',
    );
  });

  it('treats a string secret and its UTF-8 bytes the same, and a string body and its UTF-8 bytes the same', () => {
    const bytes = new TextEncoder().encode(SECRET);
    expect(signHmacSha256(bytes, BODY)).toBe(EXPECTED);
    expect(signHmacSha256(SECRET, new TextEncoder().encode(BODY))).toBe(EXPECTED);
  });

  it('has a Web Crypto twin that gives the same value', async () => {
    expect(await signHmacSha256Async(SECRET, BODY)).toBe(EXPECTED);
    expect(await signHmacSha256Async(new TextEncoder().encode(SECRET), new TextEncoder().encode(BODY))).toBe(EXPECTED);
  });

  it('refuses an empty secret', () => {
    expectVerificationError(
      thrownBy(() => signHmacSha256('', BODY)),
      'missing_secret',
    );
  });
});

describe('the SidClaw provider snippet (verbatim) and hookspec agree', () => {
  it('the snippet accepts what signHmacSha256 produces', () => {
    expect(sidclawVerifySignature(BODY, SECRET, signHmacSha256(SECRET, BODY))).toBe(true);
    expect(sidclawVerifySignature(BODY, SECRET, signHmacSha256('other', BODY))).toBe(false);
  });

  it("hookspec accepts what the snippet's `expected` produces", () => {
    const expected = `sha256=${createHmac('sha256', SECRET).update(BODY).digest('hex')}`;
    expect(verifyHmacSha256(SECRET, BODY, expected)).toBe(0);
    expect(isValidHmacSha256(SECRET, BODY, expected)).toBe(true);
  });
});

describe('verifyHmacSha256', () => {
  it('returns the index of the matching secret (rotation)', () => {
    expect(verifyHmacSha256(SECRET, BODY, EXPECTED)).toBe(0);
    expect(verifyHmacSha256(['new-secret', SECRET], BODY, EXPECTED)).toBe(1);
  });

  it('accepts uppercase hex, surrounding spaces and a single-element header array', () => {
    expect(verifyHmacSha256(SECRET, BODY, `sha256=${EXPECTED.slice(7).toUpperCase()}`)).toBe(0);
    expect(verifyHmacSha256(SECRET, BODY, `  ${EXPECTED} `)).toBe(0);
    expect(verifyHmacSha256(SECRET, BODY, [EXPECTED])).toBe(0);
  });

  it('names the configured header in errors', () => {
    const error = thrownBy(() => verifyHmacSha256(SECRET, BODY, undefined, { headerName: 'x-provenonce-signature' }));
    expectVerificationError(error, 'missing_header', 'x-provenonce-signature');
    expect((error as Error).message).toContain('x-provenonce-signature');
  });

  it('rejects a wrong body or secret with signature_mismatch', () => {
    expectVerificationError(
      thrownBy(() => verifyHmacSha256(SECRET, `${BODY} `, EXPECTED)),
      'signature_mismatch',
      'x-webhook-signature',
    );
    expectVerificationError(
      thrownBy(() => verifyHmacSha256(['a', 'b'], BODY, EXPECTED)),
      'signature_mismatch',
    );
  });

  it('rejects malformed values with malformed_header', () => {
    for (const value of [
      EXPECTED.slice(0, -1),
      `${EXPECTED}0`,
      EXPECTED.replace('sha256=', 'sha1='),
      EXPECTED.replace('sha256=', 'SHA256='),
      `sha256=${'g'.repeat(64)}`,
      `sha256:${EXPECTED.slice(7)}`,
      EXPECTED.slice(7),
      [EXPECTED, EXPECTED],
    ]) {
      expectVerificationError(
        thrownBy(() => verifyHmacSha256(SECRET, BODY, value)),
        'malformed_header',
      );
    }
  });

  it('rejects missing values with missing_header', () => {
    for (const value of [undefined, null, '', []]) {
      expectVerificationError(
        thrownBy(() => verifyHmacSha256(SECRET, BODY, value)),
        'missing_header',
      );
    }
  });

  it('rejects missing or empty secrets with missing_secret before looking at the header', () => {
    for (const secrets of [undefined, '', [], [''], [SECRET, ''], new Uint8Array(0)] as unknown as HmacSecrets[]) {
      expectVerificationError(
        thrownBy(() => verifyHmacSha256(secrets, BODY, undefined)),
        'missing_secret',
      );
    }
  });

  it('detects a body that was already parsed', () => {
    expectVerificationError(
      thrownBy(() => verifyHmacSha256(SECRET, JSON.parse(BODY) as string, EXPECTED)),
      'body_already_parsed',
    );
  });

  it('isValidHmacSha256 returns false for verification failures but throws for configuration errors', () => {
    expect(isValidHmacSha256(SECRET, BODY, 'sha256=00')).toBe(false);
    expect(isValidHmacSha256(SECRET, BODY, undefined)).toBe(false);
    expect(isValidHmacSha256('other', BODY, EXPECTED)).toBe(false);
    expectVerificationError(
      thrownBy(() => isValidHmacSha256('', BODY, EXPECTED)),
      'missing_secret',
    );
  });

  it('parseHmacSha256Header decodes the 32 MAC bytes', () => {
    expect(Buffer.from(parseHmacSha256Header(EXPECTED)).toString('hex')).toBe(EXPECTED.slice(7));
  });
});

describe('sync (node:crypto) and async (Web Crypto) verifiers behave identically', () => {
  const bytesSecret = new TextEncoder().encode(SECRET);
  // Each case's outcome is pinned too: agreeing with each other is not enough, a bug both share would pass.
  const cases: Array<[string, HmacSecrets, string | Uint8Array, SignatureHeaderValue, string]> = [
    ['valid', SECRET, BODY, EXPECTED, 'ok:0'],
    ['valid, bytes secret and body', bytesSecret, new TextEncoder().encode(BODY), EXPECTED, 'ok:0'],
    ['valid, second secret', ['x', SECRET], BODY, EXPECTED, 'ok:1'],
    ['wrong secret', 'nope', BODY, EXPECTED, 'error:signature_mismatch'],
    ['wrong body', SECRET, 'x', EXPECTED, 'error:signature_mismatch'],
    ['uppercase hex', SECRET, BODY, EXPECTED.toUpperCase().replace('SHA256=', 'sha256='), 'ok:0'],
    ['short', SECRET, BODY, 'sha256=abc', 'error:malformed_header'],
    ['no prefix', SECRET, BODY, EXPECTED.slice(7), 'error:malformed_header'],
    ['non-hex', SECRET, BODY, `sha256=${'z'.repeat(64)}`, 'error:malformed_header'],
    ['absent', SECRET, BODY, undefined, 'error:missing_header'],
    ['empty', SECRET, BODY, '', 'error:missing_header'],
    ['two headers', SECRET, BODY, [EXPECTED, EXPECTED], 'error:malformed_header'],
    ['empty secret', '', BODY, EXPECTED, 'error:missing_secret'],
    ['no secrets', [], BODY, EXPECTED, 'error:missing_secret'],
    ['parsed body', SECRET, { a: 1 } as unknown as string, EXPECTED, 'error:body_already_parsed'],
  ];
  for (const [name, secrets, body, header, expected] of cases) {
    it(name, async () => {
      const outcome = (run: () => unknown): string => {
        try {
          return `ok:${String(run())}`;
        } catch (error) {
          return `error:${codeOf(error)}`;
        }
      };
      const sync = outcome(() => verifyHmacSha256(secrets, body, header));
      let async: string;
      try {
        async = `ok:${await verifyHmacSha256Async(secrets, body, header)}`;
      } catch (error) {
        async = `error:${codeOf(error)}`;
      }
      expect(sync).toBe(expected);
      expect(async).toBe(sync);
      let syncValid: string;
      try {
        syncValid = String(isValidHmacSha256(secrets, body, header));
      } catch (error) {
        syncValid = codeOf(error);
      }
      const asyncValid = await isValidHmacSha256Async(secrets, body, header).then(String, codeOf);
      expect(asyncValid).toBe(syncValid);
    });
  }

  it('the async verifier rejects (never throws synchronously)', async () => {
    const promise = verifyHmacSha256Async('', BODY, EXPECTED);
    expect(promise).toBeInstanceOf(Promise);
    expectVerificationError(await rejectionOf(promise), 'missing_secret');
  });
});
