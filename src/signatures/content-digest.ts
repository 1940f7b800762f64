/**
 * RFC 9530 `Content-Digest`: create and verify digests of the message content.
 * Synchronous functions use node:crypto; the `…Async` ones use Web Crypto.
 * @module
 */
import { isInnerList, parseDictionary, serializeDictionary, type Dictionary } from 'structured-headers';

import { WebhookVerificationError } from '../errors/webhook-verification-error.ts';
import { constantTimeEqual, toBytes } from './bytes.ts';
import { requireNodeCrypto, requireSubtleCrypto } from './node-crypto.ts';
import { assertRawBody } from './raw-body.ts';

/** Digest algorithms this library computes (RFC 9530 section 5, "Active"). */
export type ContentDigestAlgorithm = 'sha-256' | 'sha-512';

/** Supported algorithms, strongest first. */
export const CONTENT_DIGEST_ALGORITHMS: readonly ContentDigestAlgorithm[] = Object.freeze(['sha-512', 'sha-256']);

const NODE_HASH: Record<ContentDigestAlgorithm, string> = { 'sha-256': 'sha256', 'sha-512': 'sha512' };
const WEB_HASH: Record<ContentDigestAlgorithm, string> = { 'sha-256': 'SHA-256', 'sha-512': 'SHA-512' };
const HEADER = 'content-digest';

/** Options for the `Content-Digest` verifiers. */
export interface VerifyContentDigestOptions {
  /** Algorithms to check (default: both supported ones). Others in the header are ignored. */
  algorithms?: readonly ContentDigestAlgorithm[];
}

/**
 * Returns true for the digest algorithms this library supports.
 *
 * @example
 * isContentDigestAlgorithm('sha-256'); // true
 * isContentDigestAlgorithm('md5');     // false
 */
export function isContentDigestAlgorithm(value: unknown): value is ContentDigestAlgorithm {
  return value === 'sha-256' || value === 'sha-512';
}

function checkAlgorithms(algorithms: readonly ContentDigestAlgorithm[]): void {
  if (algorithms.length === 0 || !algorithms.every(isContentDigestAlgorithm)) {
    throw new WebhookVerificationError(
      'unsupported_algorithm',
      `Content-Digest algorithms must be a non-empty list of ${CONTENT_DIGEST_ALGORITHMS.join(', ')}.`,
      { header: HEADER },
    );
  }
}

/**
 * Creates a `Content-Digest` header value (sha-256 by default) with node:crypto.
 *
 * @example
 * createContentDigest('{"hello": "world"}'); // 'sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:'
 */
export function createContentDigest(body: string | Uint8Array, algorithms: readonly ContentDigestAlgorithm[] = ['sha-256']): string {
  checkAlgorithms(algorithms);
  assertRawBody(body);
  const { createHash } = requireNodeCrypto('createContentDigest');
  const dictionary: Dictionary = new Map();
  for (const algorithm of algorithms) {
    dictionary.set(algorithm, [createHash(NODE_HASH[algorithm]).update(body).digest(), new Map()]);
  }
  return serializeDictionary(dictionary);
}

/**
 * Web Crypto version of {@link createContentDigest}.
 *
 * @example
 * await createContentDigestAsync('{"hello": "world"}', ['sha-512']); // 'sha-512=:WZDPaVn/…==:'
 */
export async function createContentDigestAsync(body: string | Uint8Array, algorithms: readonly ContentDigestAlgorithm[] = ['sha-256']): Promise<string> {
  checkAlgorithms(algorithms);
  assertRawBody(body);
  const subtle = requireSubtleCrypto();
  const data = toBytes(body);
  const dictionary: Dictionary = new Map();
  for (const algorithm of algorithms) {
    dictionary.set(algorithm, [await subtle.digest(WEB_HASH[algorithm], data), new Map()]);
  }
  return serializeDictionary(dictionary);
}

/**
 * Parses a `Content-Digest` header into the digests this library can check. Unknown algorithms
 * are skipped; throws `missing_header` when absent and `malformed_header` when it is not a
 * dictionary of byte sequences or names no supported algorithm.
 *
 * @example
 * parseContentDigest('sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:, md5=:Sd/dVLAcvNLSq16eXua5uQ==:');
 * // Map { 'sha-256' => Uint8Array(32) }
 */
export function parseContentDigest(
  header: string | readonly string[] | null | undefined,
  options?: VerifyContentDigestOptions,
): Map<ContentDigestAlgorithm, Uint8Array> {
  const allowed = options?.algorithms ?? CONTENT_DIGEST_ALGORITHMS;
  checkAlgorithms(allowed);
  const text = typeof header === 'string' ? header : Array.isArray(header) ? header.join(', ') : undefined;
  if (text === undefined || text.trim() === '') {
    throw new WebhookVerificationError(
      'missing_header',
      'The Content-Digest header is missing: the sender must include it (e.g. sha-256=:<base64>:) and proxies must forward it.',
      { header: HEADER },
    );
  }
  let dictionary: Dictionary;
  try {
    dictionary = parseDictionary(text);
  } catch (cause) {
    throw malformed('is not a valid structured-field dictionary', cause);
  }
  const digests = new Map<ContentDigestAlgorithm, Uint8Array>();
  for (const [algorithm, member] of dictionary) {
    if (isInnerList(member) || !(member[0] instanceof ArrayBuffer)) {
      throw malformed(`has a "${algorithm}" member that is not a byte sequence (:base64:)`);
    }
    if (isContentDigestAlgorithm(algorithm) && allowed.includes(algorithm)) {
      digests.set(algorithm, new Uint8Array(member[0]));
    }
  }
  if (digests.size === 0) {
    throw malformed(`names no supported algorithm (expected one of ${allowed.join(', ')})`);
  }
  return digests;
}

function malformed(problem: string, cause?: unknown): WebhookVerificationError {
  return new WebhookVerificationError('malformed_header', `The Content-Digest header ${problem}: send e.g. sha-256=:<base64 digest>:.`, {
    header: HEADER,
    cause,
  });
}

function mismatch(algorithm: ContentDigestAlgorithm): WebhookVerificationError {
  return new WebhookVerificationError(
    'digest_mismatch',
    `The ${algorithm} Content-Digest does not match the body: hash the raw body bytes as received (before decompression or JSON parsing).`,
    { header: HEADER },
  );
}

/**
 * Verifies a `Content-Digest` header against the body with node:crypto: every supported digest
 * listed must match (`digest_mismatch` otherwise); returns the algorithms that were checked.
 *
 * @example
 * verifyContentDigest('sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:', '{"hello": "world"}'); // ['sha-256']
 */
export function verifyContentDigest(
  header: string | readonly string[] | null | undefined,
  body: string | Uint8Array,
  options?: VerifyContentDigestOptions,
): ContentDigestAlgorithm[] {
  const digests = parseContentDigest(header, options);
  assertRawBody(body);
  const { createHash } = requireNodeCrypto('verifyContentDigest');
  for (const [algorithm, expected] of digests) {
    if (!constantTimeEqual(createHash(NODE_HASH[algorithm]).update(body).digest(), expected)) throw mismatch(algorithm);
  }
  return [...digests.keys()];
}

/**
 * Web Crypto version of {@link verifyContentDigest}.
 *
 * @example
 * await verifyContentDigestAsync(request.headers.get('content-digest'), new Uint8Array(await request.arrayBuffer()));
 */
export async function verifyContentDigestAsync(
  header: string | readonly string[] | null | undefined,
  body: string | Uint8Array,
  options?: VerifyContentDigestOptions,
): Promise<ContentDigestAlgorithm[]> {
  const digests = parseContentDigest(header, options);
  assertRawBody(body);
  const subtle = requireSubtleCrypto();
  const data = toBytes(body);
  for (const [algorithm, expected] of digests) {
    const actual = new Uint8Array(await subtle.digest(WEB_HASH[algorithm], data));
    if (!constantTimeEqual(actual, expected)) throw mismatch(algorithm);
  }
  return [...digests.keys()];
}
