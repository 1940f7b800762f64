/**
 * `sha256=<hex>` HMAC-SHA256 webhook signatures on Web Crypto (`crypto.subtle`), for runtimes
 * without node:crypto. Same inputs, results and error codes as the node:crypto versions.
 * Imported `CryptoKey`s are cached per secret, so repeated calls do not re-import.
 * @module
 */
import { encodeHex, toBytes } from './bytes.ts';
import {
  DEFAULT_HMAC_HEADER,
  hmacMismatchError,
  isHmacVerificationFailure,
  normalizeSecrets,
  parseHmacSha256Header,
  toHmacSha256Header,
  type HmacSecret,
  type HmacSecrets,
  type HmacSha256VerifyOptions,
  type SignatureHeaderValue,
} from './hmac-sha256-header-format.ts';
import { assertRawBody } from './raw-body.ts';
import { BoundedCache } from './bounded-cache.ts';
import { requireSubtleCrypto } from './node-crypto.ts';

const HMAC_SHA256 = { name: 'HMAC', hash: 'SHA-256' } as const;
const keyCache = new BoundedCache<string, Promise<CryptoKey>>(64);

/** A text secret is its own cache key: no encoding on every call, which this path makes per delivery. */
function cacheKeyOf(secret: HmacSecret): string {
  return typeof secret === 'string' ? `s:${secret}` : `b:${encodeHex(secret)}`;
}

/**
 * Imports (or takes from the cache) the Web Crypto HMAC-SHA256 key for a secret.
 *
 * @example
 * const key = await importHmacSha256Key('whsec');
 */
export function importHmacSha256Key(secret: HmacSecret): Promise<CryptoKey> {
  const cacheKey = cacheKeyOf(secret);
  const cached = keyCache.get(cacheKey);
  if (cached !== undefined) return cached;
  const imported = requireSubtleCrypto().importKey('raw', toBytes(secret), HMAC_SHA256, false, ['sign', 'verify']);
  keyCache.set(cacheKey, imported);
  imported.catch(() => keyCache.delete(cacheKey));
  return imported;
}

/**
 * Web Crypto version of `signHmacSha256`: resolves to `'sha256=' + hex(HMAC-SHA256(secret, body))`,
 * the secret string used as its UTF-8 bytes.
 *
 * @example
 * await signHmacSha256Async('whsec', '{"event":"test"}'); // 'sha256=…'
 */
export async function signHmacSha256Async(secret: HmacSecret, body: string | Uint8Array): Promise<string> {
  const [key] = normalizeSecrets(secret);
  assertRawBody(body);
  const cryptoKey = await importHmacSha256Key(key as HmacSecret);
  const mac = await requireSubtleCrypto().sign('HMAC', cryptoKey, toBytes(body));
  return toHmacSha256Header(new Uint8Array(mac));
}

/**
 * Web Crypto version of `verifyHmacSha256`: resolves to the index of the matching secret, or
 * rejects with the same {@link WebhookVerificationError} codes (the comparison happens inside
 * `crypto.subtle.verify`, which is constant-time).
 *
 * @example
 * await verifyHmacSha256Async(env.WEBHOOK_SECRET, await request.text(), request.headers.get('x-webhook-signature'));
 */
export async function verifyHmacSha256Async(
  secrets: HmacSecrets,
  body: string | Uint8Array,
  signatureHeader: SignatureHeaderValue,
  options?: HmacSha256VerifyOptions,
): Promise<number> {
  const keys = normalizeSecrets(secrets);
  assertRawBody(body);
  const headerName = options?.headerName ?? DEFAULT_HMAC_HEADER;
  const received = parseHmacSha256Header(signatureHeader, headerName);
  const subtle = requireSubtleCrypto();
  const data = toBytes(body);
  for (let i = 0; i < keys.length; i++) {
    const cryptoKey = await importHmacSha256Key(keys[i] as HmacSecret);
    if (await subtle.verify('HMAC', cryptoKey, received, data)) return i;
  }
  throw hmacMismatchError(headerName);
}

/**
 * Non-throwing variant of {@link verifyHmacSha256Async}: resolves to `false` when the header is
 * missing, malformed or does not match; configuration errors still reject.
 *
 * @example
 * if (!(await isValidHmacSha256Async(secret, body, request.headers.get('x-webhook-signature')))) return new Response(null, { status: 400 });
 */
export async function isValidHmacSha256Async(secrets: HmacSecrets, body: string | Uint8Array, signatureHeader: SignatureHeaderValue): Promise<boolean> {
  try {
    await verifyHmacSha256Async(secrets, body, signatureHeader);
    return true;
  } catch (error) {
    if (isHmacVerificationFailure(error)) return false;
    throw error;
  }
}
