/**
 * Pipevest's webhook key as the command line and `check` give it (`--key`): the mock's key pair,
 * a PEM, a JWK or a base64url private seed.
 * @module
 */
import { createPrivateKey, createPublicKey, type JsonWebKeyInput } from 'node:crypto';
import { ApiInputError } from '../apis/errors.ts';
import { rawEd25519Der } from '../signatures/rfc9421-key-material.ts';
import { ed25519KeyBytes } from '../signatures/rfc9421-key-string.ts';
import type { KeyInput } from '../signatures/rfc9421-keys.ts';
import { pipevestMockKeys } from './mock-keys.ts';

/** An Ed25519 key pair as `--key` gives it: `mock`, a PEM (private or public), a JWK, or a base64url private seed. */
export interface KeyPair {
  readonly privateKey?: KeyInput;
  readonly publicKey: KeyInput;
}

/**
 * Reads `--key`: `mock` is the mock server's own webhook key pair (TEST ONLY); a private PEM or
 * JWK gives both halves (the public one derived), a public PEM or JWK only verifies.
 */
const keyPairs = new Map<string, KeyPair>();
export function readKeyPair(text: string): KeyPair {
  let pair = keyPairs.get(text);
  if (pair === undefined) {
    pair = parseKeyPair(text);
    keyPairs.set(text, pair);
  }
  return pair;
}

function parseKeyPair(text: string): KeyPair {
  if (text.trim() === 'mock') return { privateKey: pipevestMockKeys.delivery.privateJwk, publicKey: pipevestMockKeys.delivery.publicKeyPem };
  try {
    const trimmed = text.trim();
    // One line of base64url: the 32-byte private seed, as the mock server prints privateKeySeed.
    if (/^[A-Za-z0-9_+/-]{43}=?$/.test(trimmed)) {
      const privateKey = createPrivateKey({ key: Buffer.from(rawEd25519Der(ed25519KeyBytes(trimmed), 'sign')), format: 'der', type: 'pkcs8' });
      return { privateKey: trimmed, publicKey: createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString() };
    }
    const jwk = trimmed.startsWith('{') ? (JSON.parse(trimmed) as JsonWebKey) : undefined;
    const isPrivate = jwk ? typeof jwk.d === 'string' : /PRIVATE KEY-----/.test(trimmed);
    if (!isPrivate) return { publicKey: jwk ?? createPublicKey(trimmed).export({ type: 'spki', format: 'pem' }).toString() };
    const privateKey = jwk ? createPrivateKey({ key: jwk as JsonWebKeyInput['key'], format: 'jwk' }) : createPrivateKey(trimmed);
    return {
      privateKey: jwk ?? trimmed,
      publicKey: createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString(),
    };
  } catch (error) {
    throw new ApiInputError('invalid_credentials', `--key is not a readable key (PEM, JWK, a base64url private seed, or "mock"): ${(error as Error).message}.`);
  }
}
