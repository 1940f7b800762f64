// The algorithm list, the raw-body check and the error headers of every Content-Digest and
// Want-Content-Digest function.
import { describe, expect, it } from 'vitest';

import {
  createContentDigest,
  createContentDigestAsync,
  parseContentDigest,
  verifyContentDigest,
  verifyContentDigestAsync,
  type ContentDigestAlgorithm,
} from '../../src/signatures/content-digest.ts';
import { chooseContentDigestAlgorithm, parseWantContentDigest, serializeWantContentDigest } from '../../src/signatures/want-content-digest.ts';
import { expectVerificationError, rejectionOf, thrownBy } from './helpers.ts';

const BODY = '{"hello": "world"}';
const SHA256 = 'sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:';
const BAD_LISTS = [[], ['md5'], ['sha-256', 'md5'], ['md5', 'sha-256']] as unknown as (readonly ContentDigestAlgorithm[])[];

describe('Content-Digest algorithm lists', () => {
  it('create defaults to sha-256, sync and async', async () => {
    expect(createContentDigest(BODY)).toBe(SHA256);
    expect(await createContentDigestAsync(BODY)).toBe(SHA256);
    expect(await createContentDigestAsync(new TextEncoder().encode(BODY))).toBe(SHA256);
  });

  it('an empty list or an unsupported algorithm in it is unsupported_algorithm, on content-digest, everywhere', async () => {
    for (const algorithms of BAD_LISTS) {
      expectVerificationError(
        thrownBy(() => createContentDigest(BODY, algorithms)),
        'unsupported_algorithm',
        'content-digest',
      );
      expectVerificationError(await rejectionOf(createContentDigestAsync(BODY, algorithms)), 'unsupported_algorithm', 'content-digest');
      expectVerificationError(
        thrownBy(() => parseContentDigest(SHA256, { algorithms })),
        'unsupported_algorithm',
        'content-digest',
      );
      expectVerificationError(
        thrownBy(() => verifyContentDigest(SHA256, BODY, { algorithms })),
        'unsupported_algorithm',
        'content-digest',
      );
      expectVerificationError(await rejectionOf(verifyContentDigestAsync(SHA256, BODY, { algorithms })), 'unsupported_algorithm', 'content-digest');
    }
  });

  it('a parsed body is body_already_parsed, sync and async', async () => {
    for (const body of [JSON.parse(BODY), undefined, null]) {
      expectVerificationError(
        thrownBy(() => createContentDigest(body)),
        'body_already_parsed',
      );
      expectVerificationError(await rejectionOf(createContentDigestAsync(body)), 'body_already_parsed');
      expectVerificationError(
        thrownBy(() => verifyContentDigest(SHA256, body)),
        'body_already_parsed',
      );
      expectVerificationError(await rejectionOf(verifyContentDigestAsync(SHA256, body)), 'body_already_parsed');
    }
  });
});

describe('Want-Content-Digest weights', () => {
  it('parsing skips weights that are not integers from 0 to 10', () => {
    expect([...parseWantContentDigest('sha-256=-1, sha-512=3, a=11, b=0, c=10, d=2.5, e=?1, f="5", g=x')]).toEqual([
      ['sha-512', 3],
      ['b', 0],
      ['c', 10],
    ]);
  });

  it('serialising refuses such weights, and names that are not keys, on want-content-digest', () => {
    for (const weight of [-1, 11, 2.5, Number.NaN, '5']) {
      expectVerificationError(
        thrownBy(() => serializeWantContentDigest({ 'sha-256': weight as number })),
        'malformed_header',
        'want-content-digest',
      );
    }
    expectVerificationError(
      thrownBy(() => serializeWantContentDigest({ 'SHA-256': 10 })),
      'malformed_header',
      'want-content-digest',
    );
    expect(
      serializeWantContentDigest(
        new Map([
          ['sha-256', 0],
          ['sha-512', 10],
        ]),
      ),
    ).toBe('sha-256=0, sha-512=10');
  });

  it('chooses from a header; an empty or blank one counts as absent', () => {
    expect(chooseContentDigestAlgorithm('sha-512=3, sha-256=10')).toBe('sha-256');
    expect(chooseContentDigestAlgorithm(' sha-512=3, sha-256=10 ')).toBe('sha-256');
    for (const want of ['', '   ', null, undefined, 'sha-256=(']) expect(chooseContentDigestAlgorithm(want)).toBe('sha-512');
    expect(chooseContentDigestAlgorithm('sha-256=(', ['sha-256'])).toBe('sha-256');
    expect(chooseContentDigestAlgorithm('unixsum=10')).toBeUndefined();
  });
});
