import { describe, expect, it } from 'vitest';

import {
  chooseContentDigestAlgorithm,
  createContentDigest,
  createContentDigestAsync,
  parseContentDigest,
  parseWantContentDigest,
  serializeWantContentDigest,
  verifyContentDigest,
  verifyContentDigestAsync,
  type ContentDigestAlgorithm,
} from '../../src/signatures/index.ts';
import { codeOf, expectVerificationError, rejectionOf, thrownBy } from './helpers.ts';
import vectors from './vectors/rfc9530-digests.json' with { type: 'json' };

describe('RFC 9530 known answers', () => {
  for (const vector of vectors.digests) {
    const algorithm = vector.algorithm as ContentDigestAlgorithm;
    const header = `${algorithm}=:${vector.base64}:`;
    it(`${vector.source}: ${algorithm} of ${JSON.stringify(vector.body)}`, async () => {
      expect(createContentDigest(vector.body, [algorithm])).toBe(header);
      expect(await createContentDigestAsync(vector.body, [algorithm])).toBe(header);
      expect(verifyContentDigest(header, vector.body)).toEqual([algorithm]);
      expect(await verifyContentDigestAsync(header, new TextEncoder().encode(vector.body))).toEqual([algorithm]);
    });
  }

  it('creates several digests in the requested order', () => {
    expect(createContentDigest('{"hello": "world"}', ['sha-256', 'sha-512'])).toBe(
      'sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:, sha-512=:WZDPaVn/7XgHaAy8pmojAkGWoRx2UFChF41A2svX+TaPm+AbwAgBWnrIiYllu7BNNyealdVLvRwEmTHWXvJwew==:',
    );
  });

  for (const vector of vectors.wantContentDigest) {
    it(`${vector.source}: Want-Content-Digest ${vector.value}`, () => {
      expect(Object.fromEntries(parseWantContentDigest(vector.value))).toEqual(vector.parsed);
      expect(serializeWantContentDigest(vector.parsed as Record<string, number>)).toBe(vector.value);
      expect(chooseContentDigestAlgorithm(vector.value)).toBe(vector.chosen);
    });
  }
});

describe('verifyContentDigest', () => {
  const body = '{"hello": "world"}';
  const both = createContentDigest(body, ['sha-512', 'sha-256']);

  it('checks every supported digest and ignores unknown algorithms', () => {
    expect(verifyContentDigest(both, body)).toEqual(['sha-512', 'sha-256']);
    expect(verifyContentDigest(`md5=:Sd/dVLAcvNLSq16eXua5uQ==:, ${both}, unixsum=:AAA=:`, body)).toEqual(['sha-512', 'sha-256']);
    expect(verifyContentDigest(both, body, { algorithms: ['sha-256'] })).toEqual(['sha-256']);
  });

  it('accepts several header lines', () => {
    expect(verifyContentDigest(['md5=:AAAA:', 'sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:'], body)).toEqual(['sha-256']);
  });

  it('fails with digest_mismatch when any supported digest differs', () => {
    const wrong = `sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:, sha-512=:${Buffer.alloc(64).toString('base64')}:`;
    expectVerificationError(
      thrownBy(() => verifyContentDigest(wrong, body)),
      'digest_mismatch',
      'content-digest',
    );
    expectVerificationError(
      thrownBy(() => verifyContentDigest(both, `${body}\n`)),
      'digest_mismatch',
    );
  });

  it('fails with malformed_header when no supported algorithm is listed or the syntax is wrong', () => {
    for (const header of [
      'md5=:Sd/dVLAcvNLSq16eXua5uQ==:',
      'sha-256=X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=',
      'sha-256',
      'SHA-256=:AA==:',
      'sha-256=(:AA==:)',
      ',',
    ]) {
      expectVerificationError(
        thrownBy(() => verifyContentDigest(header, body)),
        'malformed_header',
        'content-digest',
      );
    }
  });

  it('fails with missing_header when absent', () => {
    for (const header of [undefined, null, '', '  ']) {
      expectVerificationError(
        thrownBy(() => verifyContentDigest(header, body)),
        'missing_header',
        'content-digest',
      );
    }
  });

  it('the Web Crypto variant gives the same codes', async () => {
    // The outcome is pinned as well: two variants that agree on a shared bug would pass otherwise.
    for (const [header, input, expected] of [
      [both, body, '["sha-512","sha-256"]'],
      [both, 'other', 'digest_mismatch'],
      ['md5=:AAAA:', body, 'malformed_header'],
      [undefined, body, 'missing_header'],
      [both, { parsed: true }, 'body_already_parsed'],
    ] as const) {
      let sync: string;
      try {
        sync = JSON.stringify(verifyContentDigest(header, input as string));
      } catch (error) {
        sync = codeOf(error);
      }
      const async = await verifyContentDigestAsync(header, input as string).then(JSON.stringify, codeOf);
      expect(sync).toBe(expected);
      expect(async).toBe(sync);
    }
    expectVerificationError(await rejectionOf(verifyContentDigestAsync(both, 'x')), 'digest_mismatch');
  });

  it('parseContentDigest returns the digest bytes', () => {
    const parsed = parseContentDigest(both);
    expect([...parsed.keys()]).toEqual(['sha-512', 'sha-256']);
    expect(Buffer.from(parsed.get('sha-256') ?? []).toString('base64')).toBe('X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=');
  });

  it('refuses unsupported algorithms when creating', () => {
    expectVerificationError(
      thrownBy(() => createContentDigest(body, ['md5' as ContentDigestAlgorithm])),
      'unsupported_algorithm',
    );
    expectVerificationError(
      thrownBy(() => createContentDigest(body, [])),
      'unsupported_algorithm',
    );
  });
});

describe('Want-Content-Digest', () => {
  it('skips members whose weight is not an integer 0-10', () => {
    expect(Object.fromEntries(parseWantContentDigest('sha-256=11, sha-512=2.5, md5=?1, sha=(1 2), unixsum=0'))).toEqual({ unixsum: 0 });
  });

  it('rejects values that are not a dictionary', () => {
    expectVerificationError(
      thrownBy(() => parseWantContentDigest('sha-256=1,')),
      'malformed_header',
      'want-content-digest',
    );
  });

  it('serialises maps and refuses invalid weights and names', () => {
    expect(
      serializeWantContentDigest(
        new Map([
          ['sha-512', 10],
          ['sha-256', 0],
        ]),
      ),
    ).toBe('sha-512=10, sha-256=0');
    expectVerificationError(
      thrownBy(() => serializeWantContentDigest({ 'sha-256': 11 })),
      'malformed_header',
    );
    expectVerificationError(
      thrownBy(() => serializeWantContentDigest({ 'SHA-256': 1 })),
      'malformed_header',
    );
  });

  it('chooses the highest non-zero weight among supported algorithms', () => {
    expect(chooseContentDigestAlgorithm('sha-256=3, sha-512=7')).toBe('sha-512');
    expect(chooseContentDigestAlgorithm('sha-256=5, sha-512=5')).toBe('sha-512');
    expect(chooseContentDigestAlgorithm('sha-256=5, sha-512=5', ['sha-256', 'sha-512'])).toBe('sha-256');
    expect(chooseContentDigestAlgorithm('sha-256=0, sha-512=0')).toBeUndefined();
    expect(chooseContentDigestAlgorithm('md5=10')).toBeUndefined();
    expect(chooseContentDigestAlgorithm(undefined)).toBe('sha-512');
    expect(chooseContentDigestAlgorithm('not a dictionary,')).toBe('sha-512');
    expect(chooseContentDigestAlgorithm(new Map([['sha-256', 1]]))).toBe('sha-256');
  });
});
