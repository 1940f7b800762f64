/**
 * `sha256=<hex>` HMAC-SHA256 webhook signatures on node:crypto (synchronous fast path).
 *
 * The key is the secret string's UTF-8 bytes, exactly like the providers' own snippet
 * `crypto.createHmac('sha256', secret).update(body).digest('hex')`.
 * @module
 */
import {
  DEFAULT_HMAC_HEADER,
  HMAC_SHA256_PREFIX,
  hmacMismatchError,
  isHmacVerificationFailure,
  normalizeSecrets,
  parseHmacSha256Header,
  type HmacSecret,
  type HmacSecrets,
  type HmacSha256VerifyOptions,
  type SignatureHeaderValue,
} from './hmac-sha256-header-format.ts';
import { assertRawBody } from './raw-body.ts';
import type { KeyObject } from 'node:crypto';

import { encodeHex } from './bytes.ts';
import { BoundedCache } from './bounded-cache.ts';
import { requireNodeCrypto, type NodeCrypto } from './node-crypto.ts';

const byteSecretKeys = new BoundedCache<string, KeyObject>(64);

/** String secrets go to createHmac as they are (like the providers' snippet); byte secrets become a cached KeyObject (much faster on Node 24). */
function hmacKey(node: NodeCrypto, secret: HmacSecret): string | KeyObject {
  if (typeof secret === 'string') return secret;
  const id = encodeHex(secret);
  let key = byteSecretKeys.get(id);
  if (key === undefined) {
    key = node.createSecretKey(secret);
    byteSecretKeys.set(id, key);
  }
  return key;
}

/**
 * Signs a body: returns `'sha256=' + hex(HMAC-SHA256(secret, body))`. A string secret is used
 * as its UTF-8 bytes, exactly like `crypto.createHmac('sha256', secret).update(body).digest('hex')`.
 *
 * @example
 * signHmacSha256('whsec', '{"event":"test"}'); // 'sha256=…64 hex digits…'
 */
export function signHmacSha256(secret: HmacSecret, body: string | Uint8Array): string {
  const [key] = normalizeSecrets(secret);
  assertRawBody(body);
  const node = requireNodeCrypto('signHmacSha256');
  return (
    HMAC_SHA256_PREFIX +
    node
      .createHmac('sha256', hmacKey(node, key as HmacSecret))
      .update(body)
      .digest('hex')
  );
}

/**
 * Verifies a `sha256=<hex>` header against the raw body with one or several secrets (rotation),
 * comparing digests in constant time. Returns the index of the secret that matched; throws a
 * {@link WebhookVerificationError} (`missing_secret`, `body_already_parsed`, `missing_header`,
 * `malformed_header`, `signature_mismatch`) otherwise.
 *
 * @example
 * verifyHmacSha256([currentSecret, previousSecret], rawBody, req.headers['x-provenonce-signature'], {
 *   headerName: 'x-provenonce-signature',
 * }); // 0 when the current secret matched
 */
export function verifyHmacSha256(
  secrets: HmacSecrets,
  body: string | Uint8Array,
  signatureHeader: SignatureHeaderValue,
  options?: HmacSha256VerifyOptions,
): number {
  const keys = normalizeSecrets(secrets);
  assertRawBody(body);
  const headerName = options?.headerName ?? DEFAULT_HMAC_HEADER;
  const received = parseHmacSha256Header(signatureHeader, headerName);
  const node = requireNodeCrypto('verifyHmacSha256');
  for (let i = 0; i < keys.length; i++) {
    const digest = node
      .createHmac('sha256', hmacKey(node, keys[i] as HmacSecret))
      .update(body)
      .digest();
    // Both are 32 bytes: parseHmacSha256Header only returns 64 hex digits' worth.
    if (node.timingSafeEqual(digest, received)) return i;
  }
  throw hmacMismatchError(headerName);
}

/**
 * Non-throwing variant of {@link verifyHmacSha256}: `true` when a secret matches, `false` when the
 * header is missing, malformed or does not match. Configuration errors (`missing_secret`,
 * `body_already_parsed`) still throw, so a misconfigured endpoint fails loudly.
 *
 * @example
 * if (!isValidHmacSha256(secret, rawBody, headers.get('x-webhook-signature'))) return new Response(null, { status: 400 });
 */
export function isValidHmacSha256(secrets: HmacSecrets, body: string | Uint8Array, signatureHeader: SignatureHeaderValue): boolean {
  try {
    verifyHmacSha256(secrets, body, signatureHeader);
    return true;
  } catch (error) {
    if (isHmacVerificationFailure(error)) return false;
    throw error;
  }
}
