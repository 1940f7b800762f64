/**
 * Key material for RFC 9421 `ed25519` and `hmac-sha256`: the accepted types and the checks
 * shared by the node:crypto and Web Crypto key preparation.
 * @module
 */
import { WebhookVerificationError } from '../errors/webhook-verification-error.ts';
import { decodeBase64 } from './bytes.ts';
import { nodeCrypto } from './node-crypto.ts';

/** Signature algorithms implemented (RFC 9421 section 3.3). */
export type SignatureAlgorithm = 'ed25519' | 'hmac-sha256';

/** Every {@link SignatureAlgorithm}. */
export const SIGNATURE_ALGORITHMS: readonly SignatureAlgorithm[] = Object.freeze(['ed25519', 'hmac-sha256']);

/**
 * A Node `KeyObject`, by the members that tell one apart, so that the public types need no Node
 * type definitions: a browser app type-checks them without `@types/node`, and a real
 * `KeyObject` still fits.
 */
export interface NodeKeyObject {
  readonly type: 'secret' | 'public' | 'private';
  readonly asymmetricKeyType?: string | undefined;
  readonly symmetricKeySize?: number | undefined;
}

/**
 * Key material: a Node `KeyObject`, a Web `CryptoKey`, a JWK (`OKP`/`Ed25519` or `oct`), a PEM
 * string (Ed25519), any other string (an HMAC secret, used as UTF-8), or raw bytes (a 32-byte
 * Ed25519 public key or private seed, or HMAC secret bytes; needs an explicit algorithm).
 */
export type KeyMaterial = NodeKeyObject | CryptoKey | JsonWebKey | string | Uint8Array;

/** Key material with its algorithm stated explicitly (required for raw bytes). */
export interface AlgorithmKey {
  readonly algorithm: SignatureAlgorithm;
  readonly key: KeyMaterial;
}

/** What signing and verification accept as a key. */
export type KeyInput = KeyMaterial | AlgorithmKey;

/** Which implementation to use: node:crypto when present (`auto`), or always Web Crypto. */
export type CryptoBackend = 'auto' | 'web-crypto';

/** A key ready to sign or verify signature bases. */
export interface PreparedKey {
  readonly algorithm: SignatureAlgorithm;
  sign(data: Uint8Array): Uint8Array | Promise<Uint8Array>;
  verify(data: Uint8Array, signature: Uint8Array): boolean | Promise<boolean>;
}

/** What a prepared key will be used for. */
export type KeyUse = 'sign' | 'verify';

const SPKI_ED25519 = Uint8Array.of(0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00);
const PKCS8_ED25519 = Uint8Array.of(0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20);

/**
 * The `invalid_key` error with a message naming the fix.
 *
 * @example
 * throw invalidKey('A raw Ed25519 public key is 32 bytes.');
 */
export function invalidKey(message: string, cause?: unknown): WebhookVerificationError {
  return new WebhookVerificationError('invalid_key', message, { cause });
}

/**
 * True for `{ algorithm, key }` objects.
 *
 * @example
 * isAlgorithmKey({ algorithm: 'ed25519', key: new Uint8Array(32) }); // true
 */
export function isAlgorithmKey(input: unknown): input is AlgorithmKey {
  return typeof input === 'object' && input !== null && 'key' in input && typeof (input as AlgorithmKey).algorithm === 'string';
}

/**
 * True for Node `KeyObject`s (always false without node:crypto).
 *
 * @example
 * isKeyObject(createPublicKey(pem)); // true
 */
export function isKeyObject(input: unknown): input is NodeKeyObject {
  return nodeCrypto !== undefined && input instanceof nodeCrypto.KeyObject;
}

/**
 * True for Web Crypto `CryptoKey`s.
 *
 * @example
 * isCryptoKey(await crypto.subtle.importKey('jwk', jwk, 'Ed25519', false, ['verify'])); // true
 */
export function isCryptoKey(input: unknown): input is CryptoKey {
  return typeof CryptoKey === 'function' && input instanceof CryptoKey;
}

/**
 * True for strings that are PEM blocks (never used as HMAC secrets).
 *
 * @example
 * isPem('-----BEGIN PUBLIC KEY-----\n…'); // true
 */
export function isPem(input: string): boolean {
  return input.trimStart().startsWith('-----BEGIN ');
}

/**
 * Throws `invalid_key` when the caller's algorithm does not match the key's.
 *
 * @example
 * checkHint('ed25519', 'hmac-sha256'); // throws
 */
export function checkHint(actual: SignatureAlgorithm, hint: SignatureAlgorithm | undefined): SignatureAlgorithm {
  if (hint !== undefined && hint !== actual) {
    throw invalidKey(`This is ${actual === 'ed25519' ? 'an Ed25519 key' : 'an HMAC secret'}, not a key for ${hint}: pass the key that matches the algorithm.`);
  }
  return actual;
}

/**
 * Raw bytes can be an Ed25519 key or an HMAC secret: require the caller to say which.
 *
 * @example
 * rawNeedsHint('ed25519'); // 'ed25519'
 */
export function rawNeedsHint(hint: SignatureAlgorithm | undefined): SignatureAlgorithm {
  if (hint === undefined) {
    throw invalidKey('Raw key bytes are ambiguous: pass { algorithm: "ed25519" | "hmac-sha256", key } or set the algorithm option.');
  }
  return hint;
}

/**
 * Returns the secret bytes, or throws `missing_secret` when empty.
 *
 * @example
 * secretBytes(new Uint8Array([1])); // Uint8Array [1]
 */
export function secretBytes(secret: Uint8Array): Uint8Array {
  if (secret.length === 0) {
    throw new WebhookVerificationError('missing_secret', 'The HMAC secret is empty: configure the shared secret.');
  }
  return secret;
}

/**
 * The secret bytes of an `oct` JWK.
 *
 * @example
 * jwkSecret({ kty: 'oct', k: 'c2VjcmV0' }); // the bytes of 'secret'
 */
export function jwkSecret(jwk: JsonWebKey): Uint8Array {
  const bytes = typeof jwk.k === 'string' ? decodeBase64(jwk.k) : undefined;
  if (bytes === undefined) throw invalidKey('The "oct" JWK has no valid base64url "k" member.');
  return secretBytes(bytes);
}

/**
 * Wraps a raw 32-byte Ed25519 public key (SPKI) or private seed (PKCS #8) in DER.
 *
 * @example
 * rawEd25519Der(publicKeyBytes, 'verify').length; // 44
 */
export function rawEd25519Der(bytes: Uint8Array, use: KeyUse): Uint8Array {
  if (bytes.length !== 32) throw invalidKey(`A raw Ed25519 ${use === 'sign' ? 'private seed' : 'public key'} is 32 bytes, not ${bytes.length}.`);
  const prefix = use === 'sign' ? PKCS8_ED25519 : SPKI_ED25519;
  const der = new Uint8Array(prefix.length + 32);
  der.set(prefix);
  der.set(bytes, prefix.length);
  return der;
}

/**
 * True for `OKP`/`Ed25519` JWKs.
 *
 * @example
 * isOkpEd25519({ kty: 'OKP', crv: 'Ed25519', x: '…' }); // true
 */
export function isOkpEd25519(jwk: JsonWebKey): boolean {
  return jwk.kty === 'OKP' && jwk.crv === 'Ed25519';
}
