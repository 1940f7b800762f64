/**
 * Preparing RFC 9421 keys with Web Crypto (`crypto.subtle`), for runtimes without node:crypto
 * or when `backend: 'web-crypto'` is asked for.
 * @module
 */
import type { KeyObject } from 'node:crypto';
import { WebhookVerificationError } from '../errors/webhook-verification-error.ts';
import { decodeBase64, toBytes } from './bytes.ts';
import {
  checkHint,
  invalidKey,
  isCryptoKey,
  isKeyObject,
  isOkpEd25519,
  isPem,
  jwkSecret,
  rawEd25519Der,
  rawNeedsHint,
  secretBytes,
  type KeyMaterial,
  type KeyUse,
  type PreparedKey,
  type SignatureAlgorithm,
} from './rfc9421-key-material.ts';
import { requireSubtleCrypto } from './node-crypto.ts';

const HMAC_SHA256 = { name: 'HMAC', hash: 'SHA-256' } as const;
const PEM_BLOCKS = 'Only "PUBLIC KEY" (SPKI) and "PRIVATE KEY" (PKCS #8) PEM blocks are supported.';

/**
 * Prepares key material for signing or verifying with Web Crypto.
 *
 * @example
 * (await prepareWithWebCrypto(jwk, 'verify', undefined)).algorithm; // 'ed25519'
 */
export async function prepareWithWebCrypto(material: KeyMaterial, use: KeyUse, hint: SignatureAlgorithm | undefined): Promise<PreparedKey> {
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
      return prepareWithWebCrypto((material as KeyObject).export({ format: 'jwk' }) as JsonWebKey, use, hint);
    }
    if (typeof material === 'string') return await webFromPem(subtle, material, use, hint);
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
  // `hash` is read only for HMAC keys, which always have one.
  const algorithm = key.algorithm as { name: string; hash: { name: string } };
  const hmac = algorithm.name === 'HMAC' && algorithm.hash.name === 'SHA-256';
  if (!hmac && algorithm.name !== 'Ed25519') throw invalidKey(`Unsupported CryptoKey algorithm ${algorithm.name}: expected Ed25519 or HMAC with SHA-256.`);
  checkHint(hmac ? 'hmac-sha256' : 'ed25519', hint);
  if (!key.usages.includes(use)) throw invalidKey(`This CryptoKey cannot be used to ${use} (usages: ${key.usages.join(', ')}).`);
  return hmac ? webHmac(subtle, key) : webEd25519(subtle, key);
}

async function webFromPem(subtle: SubtleCrypto, pem: string, use: KeyUse, hint: SignatureAlgorithm | undefined): Promise<PreparedKey> {
  checkHint('ed25519', hint);
  const match = /-----BEGIN (PUBLIC KEY|PRIVATE KEY)-----([\s\S]+?)-----END \1-----/.exec(pem);
  if (match === null) throw invalidKey(PEM_BLOCKS);
  const der = decodeBase64(String(match[2]).replace(/\s/g, ''));
  if (der === undefined) throw invalidKey(PEM_BLOCKS);
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
      signature.length === 64 && subtle.verify('Ed25519', key, signature as Uint8Array<ArrayBuffer>, data as Uint8Array<ArrayBuffer>).catch(() => false),
  };
}

function webHmac(subtle: SubtleCrypto, key: CryptoKey): PreparedKey {
  return {
    algorithm: 'hmac-sha256',
    sign: async (data) => new Uint8Array(await subtle.sign('HMAC', key, data as Uint8Array<ArrayBuffer>)),
    verify: (data, signature) => subtle.verify('HMAC', key, signature as Uint8Array<ArrayBuffer>, data as Uint8Array<ArrayBuffer>),
  };
}
