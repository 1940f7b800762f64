/**
 * Key handling for RFC 9421 `ed25519` and `hmac-sha256`: accepts Node `KeyObject`s, Web
 * `CryptoKey`s, PEM strings, JWK objects, shared-secret strings and raw key bytes, and prepares
 * them once (cached) for signing or verifying with node:crypto or, without it, Web Crypto.
 *
 * A public key is never reinterpreted as an HMAC secret: PEM strings and asymmetric keys are
 * always Ed25519, and raw bytes need an explicit algorithm.
 * @module
 */
import type { KeyObject } from 'node:crypto';

import { WebhookVerificationError } from '../errors/webhook-verification-error.ts';
import { decodeBase64, encodeHex, toBytes } from './bytes.ts';
import { LruCache } from './lru-cache.ts';
import { nodeCrypto, requireSubtleCrypto, type NodeCrypto } from './node-crypto.ts';

/** Signature algorithms implemented (RFC 9421 section 3.3). */
export type SignatureAlgorithm = 'ed25519' | 'hmac-sha256';

/** Every {@link SignatureAlgorithm}. */
export const SIGNATURE_ALGORITHMS: readonly SignatureAlgorithm[] = Object.freeze(['ed25519', 'hmac-sha256']);

/**
 * Key material: a Node `KeyObject`, a Web `CryptoKey`, a JWK (`OKP`/`Ed25519` or `oct`), a PEM
 * string (Ed25519), any other string (an HMAC secret, used as UTF-8), or raw bytes (a 32-byte
 * Ed25519 public key or private seed, or HMAC secret bytes; needs an explicit algorithm).
 */
export type KeyMaterial = KeyObject | CryptoKey | JsonWebKey | string | Uint8Array;

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

type KeyUse = 'sign' | 'verify';
type Prepared = PreparedKey | Promise<PreparedKey>;

const objectCache = new WeakMap<object, Map<string, Prepared>>();
const valueCache = new LruCache<string, Prepared>(256);
const SPKI_ED25519 = Uint8Array.of(0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00);
const PKCS8_ED25519 = Uint8Array.of(0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20);
const HMAC_SHA256 = { name: 'HMAC', hash: 'SHA-256' } as const;

function invalidKey(message: string, cause?: unknown): WebhookVerificationError {
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

function isKeyObject(input: unknown): input is KeyObject {
  return nodeCrypto !== undefined && input instanceof nodeCrypto.KeyObject;
}

function isCryptoKey(input: unknown): input is CryptoKey {
  return typeof CryptoKey === 'function' && input instanceof CryptoKey;
}

function isPem(input: string): boolean {
  return input.trimStart().startsWith('-----BEGIN ');
}

/**
 * Prepares (or takes from the cache) a key for signing or verifying. `algorithm` is the caller's
 * own statement of the algorithm (never taken from a received signature); it is required for raw
 * bytes and must agree with the key otherwise.
 *
 * @example
 * const key = await prepareKey(publicKeyPem, 'verify');
 * key.algorithm; // 'ed25519'
 */
export function prepareKey(input: KeyInput, use: KeyUse, algorithm?: SignatureAlgorithm, backend: CryptoBackend = 'auto'): Prepared {
  let material: KeyMaterial = input as KeyMaterial;
  let hint = algorithm;
  if (isAlgorithmKey(input)) {
    if (hint !== undefined && hint !== input.algorithm) {
      throw invalidKey(`The key is declared as ${input.algorithm} but ${hint} is required here.`);
    }
    if (input.algorithm !== 'ed25519' && input.algorithm !== 'hmac-sha256') {
      throw new WebhookVerificationError('unsupported_algorithm', `Key algorithm "${String(input.algorithm)}" is not supported (ed25519, hmac-sha256).`);
    }
    material = input.key;
    hint = input.algorithm;
  }
  const useNode = backend === 'auto' && nodeCrypto !== undefined;
  const variant = `${use}|${useNode ? 'node' : 'web'}|${hint ?? ''}`;
  const prepare = (): Prepared => (useNode ? prepareWithNode(nodeCrypto as NodeCrypto, material, use, hint) : prepareWithWebCrypto(material, use, hint));
  if (typeof material === 'string' || material instanceof Uint8Array) {
    const cacheKey = `${variant}|${typeof material === 'string' ? `s:${material}` : `b:${encodeHex(material)}`}`;
    return cached(valueCache.get(cacheKey), (value) => valueCache.set(cacheKey, value), () => valueCache.delete(cacheKey), prepare);
  }
  if (typeof material !== 'object' || material === null) throw invalidKey(`Unsupported key type ${typeof material}: pass a KeyObject, CryptoKey, JWK, PEM string, secret string or bytes.`);
  let variants = objectCache.get(material);
  if (variants === undefined) objectCache.set(material, (variants = new Map()));
  const byVariant = variants;
  return cached(byVariant.get(variant), (value) => byVariant.set(variant, value), () => byVariant.delete(variant), prepare);
}

function cached(hit: Prepared | undefined, store: (value: Prepared) => void, drop: () => void, prepare: () => Prepared): Prepared {
  if (hit !== undefined) return hit;
  const prepared = prepare();
  store(prepared);
  if (prepared instanceof Promise) {
    prepared.then(store, drop);
  }
  return prepared;
}

function checkHint(actual: SignatureAlgorithm, hint: SignatureAlgorithm | undefined): SignatureAlgorithm {
  if (hint !== undefined && hint !== actual) {
    throw invalidKey(`This is ${actual === 'ed25519' ? 'an Ed25519 key' : 'an HMAC secret'}, not a key for ${hint}: pass the key that matches the algorithm.`);
  }
  return actual;
}

function rawNeedsHint(hint: SignatureAlgorithm | undefined): SignatureAlgorithm {
  if (hint === undefined) {
    throw invalidKey('Raw key bytes are ambiguous: pass { algorithm: "ed25519" | "hmac-sha256", key } or set the algorithm option.');
  }
  return hint;
}

function secretBytes(secret: Uint8Array): Uint8Array {
  if (secret.length === 0) {
    throw new WebhookVerificationError('missing_secret', 'The HMAC secret is empty: configure the shared secret.');
  }
  return secret;
}

function jwkSecret(jwk: JsonWebKey): Uint8Array {
  const bytes = typeof jwk.k === 'string' ? decodeBase64(jwk.k) : undefined;
  if (bytes === undefined) throw invalidKey('The "oct" JWK has no valid base64url "k" member.');
  return secretBytes(bytes);
}

function rawEd25519Der(bytes: Uint8Array, use: KeyUse): Uint8Array {
  if (bytes.length !== 32) throw invalidKey(`A raw Ed25519 ${use === 'sign' ? 'private seed' : 'public key'} is 32 bytes, not ${bytes.length}.`);
  const prefix = use === 'sign' ? PKCS8_ED25519 : SPKI_ED25519;
  const der = new Uint8Array(prefix.length + 32);
  der.set(prefix);
  der.set(bytes, prefix.length);
  return der;
}

function isOkpEd25519(jwk: JsonWebKey): boolean {
  return jwk.kty === 'OKP' && jwk.crv === 'Ed25519';
}

// ---------------------------------------------------------------- node:crypto

function prepareWithNode(node: NodeCrypto, material: KeyMaterial, use: KeyUse, hint: SignatureAlgorithm | undefined): PreparedKey {
  try {
    if (typeof material === 'string' && !isPem(material)) {
      checkHint('hmac-sha256', hint);
      return nodeHmac(node, secretBytes(toBytes(material)));
    }
    if (material instanceof Uint8Array) {
      if (rawNeedsHint(hint) === 'hmac-sha256') return nodeHmac(node, secretBytes(material));
      const der = Buffer.from(rawEd25519Der(material, use));
      const keyObject = use === 'sign' ? node.createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }) : node.createPublicKey({ key: der, format: 'der', type: 'spki' });
      return nodeEd25519(node, keyObject);
    }
    if (!isKeyObject(material) && !isCryptoKey(material) && typeof material === 'object' && material.kty === 'oct') {
      checkHint('hmac-sha256', hint);
      return nodeHmac(node, jwkSecret(material));
    }
    const keyObject = toNodeKeyObject(node, material, use);
    if (keyObject.type === 'secret') {
      checkHint('hmac-sha256', hint);
      return nodeHmac(node, secretBytes(keyObject.export()));
    }
    if (keyObject.asymmetricKeyType !== 'ed25519') throw invalidKey(`Unsupported ${keyObject.asymmetricKeyType ?? 'unknown'} key: only Ed25519 keys and HMAC secrets are supported.`);
    checkHint('ed25519', hint);
    if (use === 'sign' && keyObject.type !== 'private') throw invalidKey('Signing needs the Ed25519 private key, but a public key was given.');
    return nodeEd25519(node, use === 'verify' && keyObject.type === 'private' ? node.createPublicKey(keyObject) : keyObject);
  } catch (error) {
    if (error instanceof WebhookVerificationError) throw error;
    throw invalidKey(`The key could not be read (${(error as Error).message}): check the PEM/JWK/bytes and that it is an Ed25519 key or an HMAC secret.`, error);
  }
}

function toNodeKeyObject(node: NodeCrypto, material: Exclude<KeyMaterial, Uint8Array>, use: KeyUse): KeyObject {
  if (isKeyObject(material)) return material;
  if (isCryptoKey(material)) return node.KeyObject.from(material);
  if (typeof material === 'string') return use === 'sign' ? node.createPrivateKey(material) : node.createPublicKey(material);
  if (!isOkpEd25519(material)) throw invalidKey(`Unsupported JWK (kty ${String(material.kty)}, crv ${String(material.crv)}): expected OKP/Ed25519 or oct.`);
  const jwk = use === 'sign' ? material : { kty: 'OKP', crv: 'Ed25519', x: material.x };
  const input = { key: jwk as Record<string, string>, format: 'jwk' } as const;
  return use === 'sign' ? node.createPrivateKey(input) : node.createPublicKey(input);
}

function nodeEd25519(node: NodeCrypto, keyObject: KeyObject): PreparedKey {
  return {
    algorithm: 'ed25519',
    sign: (data) => node.sign(null, data, keyObject),
    verify: (data, signature) => signature.length === 64 && node.verify(null, data, keyObject, signature),
  };
}

function nodeHmac(node: NodeCrypto, secret: Uint8Array): PreparedKey {
  const keyObject = node.createSecretKey(secret);
  const mac = (data: Uint8Array): Buffer => node.createHmac('sha256', keyObject).update(data).digest();
  return {
    algorithm: 'hmac-sha256',
    sign: mac,
    verify: (data, signature) => {
      const expected = mac(data);
      return signature.length === expected.length && node.timingSafeEqual(expected, signature);
    },
  };
}

// ---------------------------------------------------------------- Web Crypto

async function prepareWithWebCrypto(material: KeyMaterial, use: KeyUse, hint: SignatureAlgorithm | undefined): Promise<PreparedKey> {
  const subtle = requireSubtleCrypto();
  try {
    if (typeof material === 'string' && !isPem(material)) {
      checkHint('hmac-sha256', hint);
      return webHmac(subtle, await importHmac(subtle, secretBytes(toBytes(material))));
    }
    if (material instanceof Uint8Array) {
      if (rawNeedsHint(hint) === 'hmac-sha256') return webHmac(subtle, await importHmac(subtle, secretBytes(material)));
      const der = rawEd25519Der(material, use) as Uint8Array<ArrayBuffer>;
      return webEd25519(subtle, await subtle.importKey(use === 'sign' ? 'pkcs8' : 'spki', der, 'Ed25519', false, [use]));
    }
    if (isCryptoKey(material)) return webFromCryptoKey(subtle, material, use, hint);
    if (isKeyObject(material)) {
      return prepareWithWebCrypto(material.export({ format: 'jwk' }) as JsonWebKey, use, hint);
    }
    if (typeof material === 'string') return webFromPem(subtle, material, use, hint);
    if (material.kty === 'oct') {
      checkHint('hmac-sha256', hint);
      return webHmac(subtle, await importHmac(subtle, jwkSecret(material)));
    }
    if (!isOkpEd25519(material)) throw invalidKey(`Unsupported JWK (kty ${String(material.kty)}): expected OKP/Ed25519 or oct.`);
    checkHint('ed25519', hint);
    const jwk = use === 'sign' ? { kty: 'OKP', crv: 'Ed25519', x: material.x, d: material.d } : { kty: 'OKP', crv: 'Ed25519', x: material.x };
    return webEd25519(subtle, await subtle.importKey('jwk', jwk, 'Ed25519', false, [use]));
  } catch (error) {
    if (error instanceof WebhookVerificationError) throw error;
    throw invalidKey(`The key could not be imported into Web Crypto (${(error as Error).message}): check that it is an Ed25519 key or an HMAC secret.`, error);
  }
}

function importHmac(subtle: SubtleCrypto, secret: Uint8Array): Promise<CryptoKey> {
  return subtle.importKey('raw', secret as Uint8Array<ArrayBuffer>, HMAC_SHA256, false, ['sign', 'verify']);
}

function webFromCryptoKey(subtle: SubtleCrypto, key: CryptoKey, use: KeyUse, hint: SignatureAlgorithm | undefined): PreparedKey {
  const algorithm = key.algorithm as { name: string; hash?: { name: string } };
  if (algorithm.name === 'Ed25519') {
    checkHint('ed25519', hint);
    if (!key.usages.includes(use)) throw invalidKey(`This CryptoKey cannot be used to ${use} (usages: ${key.usages.join(', ')}).`);
    return webEd25519(subtle, key);
  }
  if (algorithm.name === 'HMAC' && algorithm.hash?.name === 'SHA-256') {
    checkHint('hmac-sha256', hint);
    if (!key.usages.includes(use)) throw invalidKey(`This CryptoKey cannot be used to ${use} (usages: ${key.usages.join(', ')}).`);
    return webHmac(subtle, key);
  }
  throw invalidKey(`Unsupported CryptoKey algorithm ${algorithm.name}: expected Ed25519 or HMAC with SHA-256.`);
}

async function webFromPem(subtle: SubtleCrypto, pem: string, use: KeyUse, hint: SignatureAlgorithm | undefined): Promise<PreparedKey> {
  checkHint('ed25519', hint);
  const match = /-----BEGIN (PUBLIC KEY|PRIVATE KEY)-----([\s\S]+?)-----END \1-----/.exec(pem);
  const der = match?.[2] === undefined ? undefined : decodeBase64(match[2].replace(/\s+/g, ''));
  if (match === null || der === undefined) throw invalidKey('Only "PUBLIC KEY" (SPKI) and "PRIVATE KEY" (PKCS #8) PEM blocks are supported.');
  if (match[1] === 'PUBLIC KEY') {
    if (use === 'sign') throw invalidKey('Signing needs the Ed25519 private key, but a public key was given.');
    return webEd25519(subtle, await subtle.importKey('spki', der, 'Ed25519', false, ['verify']));
  }
  if (use === 'sign') return webEd25519(subtle, await subtle.importKey('pkcs8', der, 'Ed25519', false, ['sign']));
  const privateKey = await subtle.importKey('pkcs8', der, 'Ed25519', true, ['sign']);
  const { x } = await subtle.exportKey('jwk', privateKey);
  return webEd25519(subtle, await subtle.importKey('jwk', { kty: 'OKP', crv: 'Ed25519', x }, 'Ed25519', false, ['verify']));
}

function webEd25519(subtle: SubtleCrypto, key: CryptoKey): PreparedKey {
  return {
    algorithm: 'ed25519',
    sign: async (data) => new Uint8Array(await subtle.sign('Ed25519', key, data as Uint8Array<ArrayBuffer>)),
    verify: (data, signature) =>
      signature.length === 64 && subtle.verify('Ed25519', key, signature as Uint8Array<ArrayBuffer>, data as Uint8Array<ArrayBuffer>),
  };
}

function webHmac(subtle: SubtleCrypto, key: CryptoKey): PreparedKey {
  return {
    algorithm: 'hmac-sha256',
    sign: async (data) => new Uint8Array(await subtle.sign('HMAC', key, data as Uint8Array<ArrayBuffer>)),
    verify: (data, signature) => subtle.verify('HMAC', key, signature as Uint8Array<ArrayBuffer>, data as Uint8Array<ArrayBuffer>),
  };
}
