/**
 * signHttpMessage / verifyHttpMessage details: the header and code of each refusal, how many
 * signatures "any" returns, when Content-Digest is checked and with which backend, and when the
 * base with names as received is tried.
 */
import { generateKeyPairSync } from 'node:crypto';

import { afterEach, describe, expect, it, vi } from 'vitest';

import {
  createContentDigest,
  signHttpMessage,
  verifyHttpMessage,
  type HttpMessageLike,
  type HttpRequestLike,
  type SignHttpMessageOptions,
  type VerifyHttpMessageOptions,
} from '../../src/signatures/index.ts';
import { expectVerificationError, rejectionOf } from './helpers.ts';

const NOW = 1_700_000_000;
const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const BODY = '{"id":1}';
const REQUEST: HttpRequestLike = {
  method: 'POST',
  url: 'https://hooks.example.com/in',
  headers: { 'content-type': 'application/json', 'content-digest': createContentDigest(BODY) },
};
const COMPONENTS = ['@method', 'content-type', 'content-digest'];

function withHeaders(message: HttpRequestLike, headers: Record<string, string | undefined>): HttpRequestLike {
  return { ...message, headers: { ...(message.headers as Record<string, string>), ...headers } as never };
}

async function signed(overrides: Partial<SignHttpMessageOptions> = {}, message: HttpRequestLike = REQUEST): Promise<HttpRequestLike> {
  const result = await signHttpMessage(message, { key: privateKey, keyid: 'k1', components: COMPONENTS, created: NOW, ...overrides });
  return withHeaders(message, result.headers);
}

function verify(message: HttpMessageLike, overrides: Partial<VerifyHttpMessageOptions> = {}) {
  return verifyHttpMessage(message, { key: publicKey, now: () => NOW, ...overrides });
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('signHttpMessage refusals', () => {
  it('checks the label before the key', async () => {
    const error = await rejectionOf(signHttpMessage(REQUEST, { key: publicKey, components: [], label: 'Sig' }));
    expectVerificationError(error, 'malformed_header', 'signature-input');
    expect((error as Error).cause).toBeUndefined();
  });

  it('names the header whose existing value is not a dictionary or already has the label', async () => {
    expectVerificationError(await rejectionOf(signed({}, withHeaders(REQUEST, { 'signature-input': 'sig1=(' }))), 'malformed_header', 'signature-input');
    expectVerificationError(await rejectionOf(signed({}, withHeaders(REQUEST, { signature: 'sig1=:AA' }))), 'malformed_header', 'signature');
    expectVerificationError(await rejectionOf(signed({}, withHeaders(REQUEST, { signature: 'sig1=:AA==:' }))), 'malformed_header', 'signature');
  });

  it('refuses a component listed twice, naming Signature-Input', async () => {
    expectVerificationError(await rejectionOf(signed({ components: ['@method', '@method'] })), 'malformed_header', 'signature-input');
  });
});

describe('verifyHttpMessage: results and Content-Digest', () => {
  it('any (default) returns the first valid signature only; all returns every one', async () => {
    const first = await signed({ label: 'a' });
    const both = await signed({ label: 'b' }, first);
    expect((await verify(both)).map((s) => s.label)).toEqual(['a']);
    expect((await verify(both, { require: 'any' })).map((s) => s.label)).toEqual(['a']);
    expect((await verify(both, { require: 'all' })).map((s) => s.label)).toEqual(['a', 'b']);
  });

  it('skips the digest check when the message has no Content-Digest', async () => {
    const message = await signed({ components: ['@method'] }, withHeaders(REQUEST, { 'content-digest': undefined }));
    expect(await verify(message, { body: 'anything' })).toHaveLength(1);
    expect(await verify(message, { body: 'anything', backend: 'web-crypto' })).toHaveLength(1);
  });

  it('checks Content-Digest with node:crypto by default and with Web Crypto when asked', async () => {
    const message = await signed();
    const digest = vi.spyOn(globalThis.crypto.subtle, 'digest');
    expect(await verify(message, { body: BODY })).toHaveLength(1);
    expect(digest).not.toHaveBeenCalled();
    expect(await verify(message, { body: BODY, backend: 'auto' })).toHaveLength(1);
    expect(digest).not.toHaveBeenCalled();
    expect(await verify(message, { body: BODY, backend: 'web-crypto' })).toHaveLength(1);
    expect(digest).toHaveBeenCalledTimes(1);
  });
});

describe('verifyHttpMessage: the base with names as received', () => {
  it('is not tried when every name is lowercase', async () => {
    const message = await signed();
    const tampered = withHeaders(message, { 'content-type': 'text/plain' });
    const subtleVerify = vi.spyOn(globalThis.crypto.subtle, 'verify');
    expectVerificationError(await rejectionOf(verify(tampered, { backend: 'web-crypto' })), 'signature_mismatch', 'signature');
    expect(subtleVerify).toHaveBeenCalledTimes(1);
  });

  it('is tried once more when a name is capitalised', async () => {
    const message = await signed();
    const headers = message.headers as Record<string, string>;
    const capitalised = withHeaders(message, {
      'content-type': 'text/plain',
      'signature-input': headers['signature-input']?.replace('"content-type"', '"Content-Type"'),
    });
    const subtleVerify = vi.spyOn(globalThis.crypto.subtle, 'verify');
    expectVerificationError(await rejectionOf(verify(capitalised, { backend: 'web-crypto' })), 'signature_mismatch', 'signature');
    expect(subtleVerify).toHaveBeenCalledTimes(2);
  });
});

describe('verifyHttpMessage: keys', () => {
  it('reports a resolver that throws as unknown_key with the cause, and passes its own errors through', async () => {
    const message = await signed();
    const cause = new Error('store down');
    const error = await rejectionOf(
      verify(message, {
        key: () => {
          throw cause;
        },
      }),
    );
    expectVerificationError(error, 'unknown_key', 'signature-input');
    expect((error as Error).cause).toBe(cause);
    const rejected = await rejectionOf(verify(message, { key: () => Promise.reject(cause) }));
    expectVerificationError(rejected, 'unknown_key', 'signature-input');
    expect((rejected as Error).cause).toBe(cause);
  });

  it('reports a resolver that returns null or undefined as unknown_key', async () => {
    const message = await signed();
    expectVerificationError(await rejectionOf(verify(message, { key: () => null })), 'unknown_key', 'signature-input');
    expectVerificationError(await rejectionOf(verify(message, { key: () => undefined })), 'unknown_key', 'signature-input');
    expectVerificationError(await rejectionOf(verify(message, { key: async () => null })), 'unknown_key', 'signature-input');
  });

  it('names Signature-Input when the key type is not allowed or does not match alg', async () => {
    const noAlg = await signed({ includeAlg: false });
    expectVerificationError(await rejectionOf(verify(noAlg, { algorithms: ['hmac-sha256'] })), 'unsupported_algorithm', 'signature-input');
    const withAlg = await signed();
    expectVerificationError(await rejectionOf(verify(withAlg, { key: 'shared-secret' })), 'invalid_key', 'signature-input');
  });
});

describe('verifyHttpMessage: policy', () => {
  it('refuses an alg that is supported but not allowed before looking at the key', async () => {
    const message = await signed();
    expectVerificationError(
      await rejectionOf(verify(message, { key: 'shared-secret', algorithms: ['hmac-sha256'] })),
      'unsupported_algorithm',
      'signature-input',
    );
  });

  it('accepts any tag when none is required, and names Signature-Input when the tag differs', async () => {
    expect(await verify(await signed({ tag: 'a' }))).toHaveLength(1);
    expectVerificationError(await rejectionOf(verify(await signed({ tag: 'a' }), { tag: 'b' })), 'insufficient_coverage', 'signature-input');
    expectVerificationError(await rejectionOf(verify(await signed(), { tag: 'b' })), 'insufficient_coverage', 'signature-input');
  });

  it('names Signature-Input for created out of tolerance', async () => {
    expectVerificationError(await rejectionOf(verify(await signed({ created: NOW + 61 }))), 'timestamp_out_of_tolerance', 'signature-input');
    expectVerificationError(await rejectionOf(verify(await signed({ created: NOW - 301 }))), 'timestamp_out_of_tolerance', 'signature-input');
  });
});
