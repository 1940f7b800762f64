// Properties of the generic HMAC scheme over random descriptions: what one signs the other
// verifies, any change to a signed byte is refused, and the header parsers never misbehave.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { createHmacScheme, hmacDescriptionProblems } from '../../src/schemes/hmac.ts';
import { MAC_LENGTH } from '../../src/schemes/hmac-secret.ts';
import { formatHmacSignatureHeader, parseHmacSignatureHeader } from '../../src/schemes/hmac-signature-header.ts';
import { formatHmacTimestamp, parseHmacTimestamp } from '../../src/schemes/hmac-timestamp.ts';
import { PROPERTY_RUNS } from '../signatures/property-runs.ts';
import { caseArb, descriptionArb, referenceMac } from './hmac-arbitraries.ts';
import { verificationCode } from '../support/verification-code.ts';

const now = new Date('2026-01-02T03:04:05.678Z');
const url = 'https://receiver.example/hooks?x=1';

const outcome = verificationCode;

describe('generic HMAC scheme properties', () => {
  it('every generated description is usable', () => {
    fc.assert(
      fc.property(descriptionArb, (d) => {
        expect(hmacDescriptionProblems(d)).toEqual([]);
      }),
      { numRuns: PROPERTY_RUNS },
    );
  });

  it('sign → verify round trip (sync), the secret found among others', async () => {
    await fc.assert(
      fc.asyncProperty(caseArb, fc.nat(2), async ({ d, secret, other, body, id }, position) => {
        fc.pre(other !== secret && other.replace(/^whsec_/, '') !== secret.replace(/^whsec_/, ''));
        const scheme = createHmacScheme(d);
        const headers = new Headers(await scheme.sign({ body, secret, messageId: id, timestamp: now, url }));
        const { signatures, timestamp } = parseHmacSignatureHeader(headers.get('x-signature'), d, 'x-signature');
        const signedTimestamp = timestamp ?? headers.get('x-timestamp') ?? undefined;
        expect(Buffer.from(signatures[0]!)).toEqual(referenceMac(d, secret, { body, timestamp: signedTimestamp, messageId: id, url }));
        const secrets = [other, other, other];
        secrets.splice(position, 0, secret);
        const verified = scheme.verifySync({ body, headers, secrets, now, url });
        expect(verified.secretIndex).toBe(position);
        if (d.timestamp !== undefined)
          expect(verified.timestamp?.getTime()).toBe(Number(formatHmacTimestamp(now, 'unix-millis')) - (d.timestamp.format === 'unix-seconds' ? 678 : 0));
        if (d['message-id'] !== undefined) expect(verified.messageId).toBe(id);
        expect(outcome(() => scheme.verifySync({ body, headers, secrets: other, now, url }))).toBe('signature_mismatch');
      }),
      { numRuns: PROPERTY_RUNS / 4 },
    );
  });

  it('any single-byte change to the body, and any change to a signed id or URL, is refused', async () => {
    await fc.assert(
      fc.asyncProperty(caseArb, fc.nat(), fc.integer({ min: 1, max: 255 }), async ({ d, secret, body, id }, at, xor) => {
        const scheme = createHmacScheme(d);
        const headers = await scheme.sign({ body, secret, messageId: id, timestamp: now, url });
        const bytes = Uint8Array.from(typeof body === 'string' ? Buffer.from(body) : body);
        if (bytes.length > 0) {
          bytes[at % bytes.length]! ^= xor;
          expect(outcome(() => scheme.verifySync({ body: bytes, headers: new Headers(headers), secrets: secret, now, url }))).toBe('signature_mismatch');
        }
        const components = d['payload-format'].components;
        if (components.includes('message-id')) {
          const changed = new Headers({ ...headers, 'x-id': `${id}x` });
          expect(outcome(() => scheme.verifySync({ body, headers: changed, secrets: secret, now, url }))).toBe('signature_mismatch');
        }
        if (components.includes('notification-url')) {
          expect(outcome(() => scheme.verifySync({ body, headers: new Headers(headers), secrets: secret, now, url: `${url}x` }))).toBe('signature_mismatch');
        }
      }),
      { numRuns: PROPERTY_RUNS / 4 },
    );
  });

  it('a signed timestamp changed by a second is refused; one outside the tolerance is refused either way', async () => {
    await fc.assert(
      fc.asyncProperty(caseArb, fc.boolean(), async ({ d, secret, body, id }, late) => {
        fc.pre(d.timestamp !== undefined);
        const scheme = createHmacScheme(d);
        const tolerance = d.timestamp!.tolerance;
        const headers = new Headers(await scheme.sign({ body, secret, messageId: id, timestamp: now, url }));
        const skewed = new Date(now.getTime() + (late ? 1 : -1) * (tolerance + 1) * 1000);
        expect(outcome(() => scheme.verifySync({ body, headers, secrets: secret, now: skewed, url }))).toBe('timestamp_out_of_tolerance');
        const edge = new Date(now.getTime() + (late ? 1 : -1) * (tolerance - 1) * 1000);
        expect(outcome(() => scheme.verifySync({ body, headers, secrets: secret, now: edge, url }))).toBe('ok');
        if (d['payload-format'].components.includes('timestamp')) {
          const moved = await scheme.sign({ body, secret, messageId: id, timestamp: new Date(now.getTime() + 1000), url });
          const source = d.combined === undefined ? 'x-timestamp' : 'x-signature';
          const movedTimestamp = d.combined === undefined ? moved['x-timestamp']! : moved['x-signature']!.split(',')[0]!.slice(2);
          const forged = new Headers(headers);
          if (d.combined === undefined) forged.set(source, movedTimestamp);
          else forged.set(source, headers.get(source)!.replace(/^t=[^,]*/, `t=${movedTimestamp}`));
          expect(outcome(() => scheme.verifySync({ body, headers: forged, secrets: secret, now, url }))).toBe('signature_mismatch');
        }
      }),
      { numRuns: PROPERTY_RUNS / 4 },
    );
  });
});

describe('header parser properties', () => {
  const listArb = descriptionArb.chain((d) =>
    fc.record({
      d: fc.constant(d),
      macs: fc.array(fc.uint8Array({ minLength: MAC_LENGTH[d.algorithm], maxLength: MAC_LENGTH[d.algorithm] }), {
        minLength: 1,
        maxLength: d['signatures-delimiter'] === undefined && d.combined === undefined ? 1 : 5,
      }),
    }),
  );

  it('format → parse returns the same signatures and timestamp', () => {
    fc.assert(
      fc.property(listArb, fc.nat(), ({ d, macs }, ts) => {
        const parsed = parseHmacSignatureHeader(formatHmacSignatureHeader(macs, d, String(ts)), d, 'x-signature');
        expect(parsed.signatures.map((mac) => Buffer.from(mac).toString('hex'))).toEqual(macs.map((mac) => Buffer.from(mac).toString('hex')));
        expect(parsed.timestamp).toBe(d.combined === undefined ? undefined : String(ts));
      }),
      { numRuns: PROPERTY_RUNS },
    );
  });

  it('any text either parses or throws missing_header / malformed_header, nothing else', () => {
    fc.assert(
      fc.property(descriptionArb, fc.string({ unit: 'binary', maxLength: 200 }), (d, text) => {
        expect(['ok', 'missing_header', 'malformed_header']).toContain(outcome(() => parseHmacSignatureHeader(text, d, 'x-signature')));
      }),
      { numRuns: PROPERTY_RUNS },
    );
  });

  it('timestamps: format → parse is the time (to the second for unix-seconds); any text parses or is malformed_header', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date(0), max: new Date('2200-01-01T00:00:00Z'), noInvalidDate: true }),
        fc.constantFrom('unix-seconds', 'unix-millis', 'iso8601') as fc.Arbitrary<'unix-seconds' | 'unix-millis' | 'iso8601'>,
        fc.string({ maxLength: 30 }),
        (time, format, text) => {
          const back = parseHmacTimestamp(formatHmacTimestamp(time, format), format, 'x-timestamp').getTime();
          expect(back).toBe(format === 'unix-seconds' ? Math.floor(time.getTime() / 1000) * 1000 : time.getTime());
          expect(['ok', 'malformed_header']).toContain(outcome(() => parseHmacTimestamp(text, format, 'x-timestamp')));
        },
      ),
      { numRuns: PROPERTY_RUNS },
    );
  });
});
