/**
 * The key bytes of an `hmac` scheme's secret (`secret-encoding`: as text, base64, or an optional
 * `whsec_` prefix then base64), as node:crypto and Web Crypto keys, cached per secret so that
 * repeated verification neither decodes nor imports again.
 * @module
 */
import type { KeyObject } from 'node:crypto';

import { WebhookVerificationError } from '../errors/webhook-verification-error.ts';
import { BoundedCache } from '../signatures/bounded-cache.ts';
import { decodeBase64, toBytes } from '../signatures/bytes.ts';
import type { NodeCrypto } from '../signatures/node-crypto.ts';
import { requireSubtleCrypto } from '../signatures/node-crypto.ts';
import type { HmacDescription } from './hmac-description.ts';

export type HmacSecretEncoding = HmacDescription['secret-encoding'];
export type HmacAlgorithm = HmacDescription['algorithm'];

/** The prefix Standard Webhooks puts before a base64 secret. */
export const WHSEC_PREFIX = 'whsec_';

/**
 * The key bytes of a secret as the description's `secret-encoding` reads it; throws
 * `invalid_key` when a base64 secret is not base64 (or decodes to nothing).
 *
 * @example
 * decodeHmacSecret('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'whsec-base64').length; // 24
 */
export function decodeHmacSecret(secret: string, encoding: HmacSecretEncoding): Uint8Array<ArrayBuffer> {
  if (encoding === 'utf8') return toBytes(secret);
  const text = encoding === 'whsec-base64' && secret.startsWith(WHSEC_PREFIX) ? secret.slice(WHSEC_PREFIX.length) : secret;
  const bytes = decodeBase64(text);
  if (bytes === undefined || bytes.length === 0) {
    throw new WebhookVerificationError(
      'invalid_key',
      `The webhook secret is not ${encoding === 'whsec-base64' ? '"whsec_" followed by base64' : 'base64'}: copy it exactly as the provider shows it.`,
    );
  }
  return bytes;
}

const nodeKeys = new BoundedCache<string, KeyObject>(64);

/**
 * The node:crypto key for a secret: a text secret goes to `createHmac` as it is (its UTF-8
 * bytes, like the providers' snippets and as fast as today's `sha256=` path); a base64 one
 * becomes a cached `KeyObject`.
 */
export function nodeHmacKey(node: NodeCrypto, secret: string, encoding: HmacSecretEncoding): string | KeyObject {
  if (encoding === 'utf8') return secret;
  const id = `${encoding}:${secret}`;
  const cached = nodeKeys.get(id);
  if (cached !== undefined) return cached;
  const key = node.createSecretKey(decodeHmacSecret(secret, encoding));
  nodeKeys.set(id, key);
  return key;
}

const WEB_HASH = { sha1: 'SHA-1', sha256: 'SHA-256', sha384: 'SHA-384', sha512: 'SHA-512' } as const satisfies Record<HmacAlgorithm, string>;
const webKeys = new BoundedCache<string, Promise<CryptoKey>>(64);

/** The Web Crypto HMAC key for a secret and hash, imported once and cached. */
export function webHmacKey(secret: string, encoding: HmacSecretEncoding, algorithm: HmacAlgorithm): Promise<CryptoKey> {
  const id = `${algorithm}:${encoding}:${secret}`;
  const cached = webKeys.get(id);
  if (cached !== undefined) return cached;
  let imported: Promise<CryptoKey>;
  try {
    const bytes = decodeHmacSecret(secret, encoding);
    imported = requireSubtleCrypto().importKey('raw', bytes, { name: 'HMAC', hash: WEB_HASH[algorithm] }, false, ['sign']);
  } catch (error) {
    return Promise.reject(error);
  }
  webKeys.set(id, imported);
  imported.catch(() => webKeys.delete(id));
  return imported;
}

/** MAC length in bytes per algorithm. */
export const MAC_LENGTH = { sha1: 20, sha256: 32, sha384: 48, sha512: 64 } as const satisfies Record<HmacAlgorithm, number>;
