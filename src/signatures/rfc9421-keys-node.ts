/**
 * Preparing RFC 9421 keys with node:crypto (the fast path): Ed25519 via `crypto.sign`/`verify`
 * with a `KeyObject`, HMAC via `createHmac` with a secret `KeyObject`.
 * @module
 */
import type { KeyObject } from 'node:crypto';

import { WebhookVerificationError } from '../errors/webhook-verification-error.ts';
import { toBytes } from './bytes.ts';
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
import type { NodeCrypto } from './node-crypto.ts';

/**
 * Prepares key material for signing or verifying with node:crypto.
 *
 * @example
 * prepareWithNode(nodeCrypto, publicKeyPem, 'verify', undefined).algorithm; // 'ed25519'
 */
export function prepareWithNode(node: NodeCrypto, material: KeyMaterial, use: KeyUse, hint: SignatureAlgorithm | undefined): PreparedKey {
  try {
    if (typeof material === 'string' && !isPem(material)) {
      checkHint('hmac-sha256', hint);
      return nodeHmac(node, secretBytes(toBytes(material)));
    }
    if (material instanceof Uint8Array) {
      if (rawNeedsHint(hint) === 'hmac-sha256') return nodeHmac(node, secretBytes(material));
      const der = Buffer.from(rawEd25519Der(material, use));
      const keyObject =
        use === 'sign' ? node.createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }) : node.createPublicKey({ key: der, format: 'der', type: 'spki' });
      return nodeEd25519(node, keyObject);
    }
    // Only a JWK has a `kty` (a PEM string, a KeyObject and a CryptoKey have none).
    if ((material as JsonWebKey).kty === 'oct') {
      checkHint('hmac-sha256', hint);
      return nodeHmac(node, jwkSecret(material as JsonWebKey));
    }
    const keyObject = toNodeKeyObject(node, material, use);
    if (keyObject.type === 'secret') {
      checkHint('hmac-sha256', hint);
      return nodeHmac(node, secretBytes(keyObject.export()));
    }
    if (keyObject.asymmetricKeyType !== 'ed25519')
      throw invalidKey(`Unsupported ${keyObject.asymmetricKeyType} key: only Ed25519 keys and HMAC secrets are supported.`);
    checkHint('ed25519', hint);
    if (use === 'sign' && keyObject.type !== 'private') throw invalidKey('Signing needs the Ed25519 private key, but a public key was given.');
    return nodeEd25519(node, use === 'verify' && keyObject.type === 'private' ? node.createPublicKey(keyObject) : keyObject);
  } catch (error) {
    if (error instanceof WebhookVerificationError) throw error;
    throw invalidKey(
      `The key could not be read (${(error as Error).message}): check the PEM/JWK/bytes and that it is an Ed25519 key or an HMAC secret.`,
      error,
    );
  }
}

function toNodeKeyObject(node: NodeCrypto, material: Exclude<KeyMaterial, Uint8Array>, use: KeyUse): KeyObject {
  if (isKeyObject(material)) return material as KeyObject;
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
    verify: (data, signature) => {
      if (signature.length !== 64) return false;
      try {
        return node.verify(null, data, keyObject, signature);
      } catch {
        return false;
      }
    },
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
