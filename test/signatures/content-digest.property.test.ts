import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import {
  createContentDigest,
  createContentDigestAsync,
  verifyContentDigest,
  verifyContentDigestAsync,
  type ContentDigestAlgorithm,
} from '../../src/signatures/index.ts';
import { codeOf } from './helpers.ts';
import { PROPERTY_RUNS } from './property-runs.ts';

const bodyArb = fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), fc.uint8Array({ maxLength: 300 }));
const algorithmsArb = fc.shuffledSubarray<ContentDigestAlgorithm>(['sha-256', 'sha-512'], { minLength: 1 });

function outcome(run: () => unknown): string {
  try {
    return `ok:${JSON.stringify(run())}`;
  } catch (error) {
    return `error:${codeOf(error)}`;
  }
}

describe('Content-Digest properties', () => {
  it('create → verify round trip, across node:crypto and Web Crypto in every combination', async () => {
    await fc.assert(
      fc.asyncProperty(bodyArb, algorithmsArb, fc.boolean(), fc.boolean(), async (body, algorithms, createAsync, verifyAsync) => {
        const header = createAsync ? await createContentDigestAsync(body, algorithms) : createContentDigest(body, algorithms);
        expect(header).toMatch(/^sha-(256|512)=:[A-Za-z0-9+/]+=*:(, sha-(256|512)=:[A-Za-z0-9+/]+=*:)?$/);
        const checked = verifyAsync ? await verifyContentDigestAsync(header, body) : verifyContentDigest(header, body);
        expect(checked).toEqual(algorithms);
      }),
      { numRuns: PROPERTY_RUNS },
    );
  });

  it('flipping any one byte of the body gives digest_mismatch', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 300 }), algorithmsArb, fc.nat(), fc.integer({ min: 1, max: 255 }), (body, algorithms, at, mask) => {
        const header = createContentDigest(body, algorithms);
        const tampered = body.slice();
        tampered[at % tampered.length] = (tampered[at % tampered.length] ?? 0) ^ mask;
        expect(outcome(() => verifyContentDigest(header, tampered))).toBe('error:digest_mismatch');
      }),
      { numRuns: PROPERTY_RUNS },
    );
  });

  it('arbitrary header values give a result or a documented error, the same sync and async', async () => {
    const headerArb = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 120 }),
      fc.string({ maxLength: 120 }),
      fc.tuple(fc.constantFrom('sha-256', 'sha-512', 'md5', 'SHA-256'), fc.string({ maxLength: 90 })).map(([name, value]) => `${name}=:${value}:`),
      fc.constantFrom(undefined, null),
    );
    await fc.assert(
      fc.asyncProperty(headerArb, bodyArb, async (header, body) => {
        const sync = outcome(() => verifyContentDigest(header, body));
        expect(sync).toMatch(/^(ok:\[.*\]|error:(missing_header|malformed_header|digest_mismatch))$/);
        let async: string;
        try {
          async = `ok:${JSON.stringify(await verifyContentDigestAsync(header, body))}`;
        } catch (error) {
          async = `error:${codeOf(error)}`;
        }
        expect(async).toBe(sync);
      }),
      { numRuns: PROPERTY_RUNS },
    );
  });
});
