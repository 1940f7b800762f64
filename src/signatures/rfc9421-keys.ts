/**
 * Key handling for RFC 9421 `ed25519` and `hmac-sha256`: accepts Node `KeyObject`s, Web
 * `CryptoKey`s, PEM strings, JWK objects, shared-secret strings and raw key bytes, and prepares
 * them once (cached) for signing or verifying with node:crypto or, without it, Web Crypto.
 *
 * A public key is never reinterpreted as an HMAC secret: PEM strings and asymmetric keys are
 * always Ed25519, and raw bytes need an explicit algorithm.
 * @module
 */
import { WebhookVerificationError } from '../errors/webhook-verification-error.ts';
import { BoundedCache } from './bounded-cache.ts';
import { encodeHex } from './bytes.ts';
import { nodeCrypto, type NodeCrypto } from './node-crypto.ts';
import { ed25519KeyBytes } from './rfc9421-key-string.ts';
import {
  invalidKey,
  isAlgorithmKey,
  isPem,
  type CryptoBackend,
  type KeyInput,
  type KeyMaterial,
  type KeyUse,
  type PreparedKey,
  type SignatureAlgorithm,
} from './rfc9421-key-material.ts';
import { prepareWithNode } from './rfc9421-keys-node.ts';
import { prepareWithWebCrypto } from './rfc9421-keys-web-crypto.ts';

export {
  isAlgorithmKey,
  SIGNATURE_ALGORITHMS,
  type AlgorithmKey,
  type CryptoBackend,
  type KeyInput,
  type KeyMaterial,
  type PreparedKey,
  type SignatureAlgorithm,
} from './rfc9421-key-material.ts';

type Prepared = PreparedKey | Promise<PreparedKey>;

/** Cache sub-keys by use, backend and algorithm hint (precomputed: no string building per call). */
const VARIANTS = {
  sign: [variantsFor('sign|node'), variantsFor('sign|web')],
  verify: [variantsFor('verify|node'), variantsFor('verify|web')],
} as const;

function variantsFor(prefix: string): Readonly<Record<SignatureAlgorithm | 'none', string>> {
  return { ed25519: `${prefix}|ed25519`, 'hmac-sha256': `${prefix}|hmac-sha256`, none: `${prefix}|` };
}

const objectCache = new WeakMap<object, Map<string, Prepared>>();
const valueCache = new BoundedCache<string, Prepared>(256);

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
  // Where ed25519 is required, a string that is not PEM is the one-line key (a seed or `x`).
  if (hint === 'ed25519' && typeof material === 'string' && !isPem(material)) material = ed25519KeyBytes(material);
  const useNode = backend === 'auto' && nodeCrypto !== undefined;
  const variant = VARIANTS[use][useNode ? 0 : 1][hint ?? 'none'];
  let store: (value: Prepared) => void;
  let drop: () => void;
  if (typeof material === 'string' || material instanceof Uint8Array) {
    const cacheKey = `${variant}|${typeof material === 'string' ? `s:${material}` : `b:${encodeHex(material)}`}`;
    const hit = valueCache.get(cacheKey);
    if (hit !== undefined) return hit;
    store = (value) => valueCache.set(cacheKey, value);
    drop = () => valueCache.delete(cacheKey);
  } else {
    if (typeof material !== 'object' || material === null) {
      throw invalidKey(`Unsupported key type ${typeof material}: pass a KeyObject, CryptoKey, JWK, PEM string, secret string or bytes.`);
    }
    let variants = objectCache.get(material);
    const hit = variants?.get(variant);
    if (hit !== undefined) return hit;
    if (variants === undefined) {
      variants = new Map();
      objectCache.set(material, variants);
    }
    const byVariant = variants;
    store = (value) => byVariant.set(variant, value);
    drop = () => byVariant.delete(variant);
  }
  const prepared = useNode ? prepareWithNode(nodeCrypto as NodeCrypto, material, use, hint) : prepareWithWebCrypto(material, use, hint);
  store(prepared);
  if (prepared instanceof Promise) prepared.then(store, drop);
  return prepared;
}
