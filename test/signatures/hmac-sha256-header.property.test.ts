import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { signHmacSha256, verifyHmacSha256, verifyHmacSha256Async, type HmacSecret, type SignatureHeaderValue } from '../../src/signatures/index.ts';
import { codeOf } from './helpers.ts';
import { PROPERTY_RUNS } from './property-runs.ts';

const secretArb: fc.Arbitrary<HmacSecret> = fc.oneof(fc.string({ minLength: 1, unit: 'binary' }), fc.uint8Array({ minLength: 1, maxLength: 64 }));
const bodyArb = fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), fc.uint8Array({ maxLength: 300 }));
const HEX = '0123456789abcdef';

async function outcomeAsync(run: () => Promise<unknown>): Promise<string> {
  try {
    return `ok:${String(await run())}`;
  } catch (error) {
    return `error:${codeOf(error)}`;
  }
}

function outcome(run: () => unknown): string {
  try {
    return `ok:${String(run())}`;
  } catch (error) {
    return `error:${codeOf(error)}`;
  }
}

describe('sha256=<hex> properties', () => {
  it('sign → verify round trip (sync), also with the secret among others', () => {
    fc.assert(
      fc.property(secretArb, bodyArb, fc.nat(3), (secret, body, position) => {
        const header = signHmacSha256(secret, body);
        expect(verifyHmacSha256(secret, body, header)).toBe(0);
        const others: HmacSecret[] = ['other-1', 'other-2', 'other-3'];
        others.splice(position, 0, secret);
        expect(verifyHmacSha256(others, body, header)).toBe(others.indexOf(secret));
      }),
      { numRuns: PROPERTY_RUNS },
    );
  });

  it('sign → verify round trip (async, Web Crypto)', async () => {
    await fc.assert(
      fc.asyncProperty(secretArb, bodyArb, async (secret, body) => {
        expect(await verifyHmacSha256Async(secret, body, signHmacSha256(secret, body))).toBe(0);
      }),
      { numRuns: PROPERTY_RUNS },
    );
  });

  it('flipping any one byte of the body gives signature_mismatch', () => {
    fc.assert(
      fc.property(secretArb, fc.uint8Array({ minLength: 1, maxLength: 300 }), fc.nat(), fc.integer({ min: 1, max: 255 }), (secret, body, at, mask) => {
        const header = signHmacSha256(secret, body);
        const tampered = body.slice();
        const index = at % tampered.length;
        tampered[index] = (tampered[index] ?? 0) ^ mask;
        expect(outcome(() => verifyHmacSha256(secret, tampered, header))).toBe('error:signature_mismatch');
      }),
      { numRuns: PROPERTY_RUNS },
    );
  });

  it('changing any one character of the signature gives signature_mismatch (hex) or malformed_header (non-hex)', () => {
    fc.assert(
      fc.property(secretArb, bodyArb, fc.nat(70), fc.string({ minLength: 1, maxLength: 1, unit: 'binary' }), (secret, body, at, replacement) => {
        const header = signHmacSha256(secret, body);
        fc.pre(header[at] !== replacement && header[at]?.toLowerCase() !== replacement.toLowerCase());
        const tampered = header.slice(0, at) + replacement + header.slice(at + 1);
        const expected = at >= 7 && HEX.includes(replacement.toLowerCase()) ? 'error:signature_mismatch' : 'error:malformed_header';
        expect(outcome(() => verifyHmacSha256(secret, body, tampered))).toBe(expected);
      }),
      { numRuns: PROPERTY_RUNS },
    );
  });

  it('arbitrary header values and bodies give a result or a documented error, the same sync and async', async () => {
    const headerArb: fc.Arbitrary<SignatureHeaderValue> = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 100 }),
      fc.string({ maxLength: 64 }).map((hex) => `sha256=${hex}`),
      fc.stringMatching(/^sha256=[0-9a-fA-F]{64}$/),
      fc.array(fc.string({ maxLength: 80 }), { maxLength: 3 }),
      fc.constantFrom(undefined, null),
    );
    await fc.assert(
      fc.asyncProperty(secretArb, bodyArb, headerArb, async (secret, body, header) => {
        const sync = outcome(() => verifyHmacSha256(secret, body, header));
        expect(sync).toMatch(/^(ok:0|error:(missing_header|malformed_header|signature_mismatch))$/);
        expect(await outcomeAsync(() => verifyHmacSha256Async(secret, body, header))).toBe(sync);
      }),
      { numRuns: PROPERTY_RUNS },
    );
  });
});
