/**
 * The key of an `rfc9421` scheme as a command line gives it: a PEM (private or public), a JWK,
 * a base64url private seed, or `mock` (the description's test key pair). Node only: the public
 * half of a private key is derived with node:crypto.
 * @module
 */
import { createPrivateKey, createPublicKey, type JsonWebKeyInput } from 'node:crypto';
import { rawEd25519Der } from '../signatures/rfc9421-key-material.ts';
import { ed25519KeyBytes } from '../signatures/rfc9421-key-string.ts';
import type { KeyInput } from '../signatures/rfc9421-keys.ts';

/** An Ed25519 key pair: the private half only when one was given (it signs), the public half always (it verifies). */
export interface Rfc9421KeyPair {
  readonly privateKey?: KeyInput;
  readonly publicKey: KeyInput;
}

/** A key text that is none of the accepted forms. */
export class Rfc9421KeyError extends Error {
  override readonly name = 'Rfc9421KeyError';
  readonly code = 'invalid_key';
}

/** `mock` names the description's test key pair, given as its base64url private seed. */
export const MOCK_KEY = 'mock';

const cache = new Map<string, Rfc9421KeyPair>();

/**
 * Reads `text` as an Ed25519 key pair: a private PEM, JWK or base64url seed gives both halves
 * (the public one derived), a public PEM or JWK only verifies; `mock` is `testSeed`'s pair.
 *
 * @example
 * const { privateKey, publicKey } = readRfc9421KeyPair(readFileSync('webhook-key.pem', 'utf8'));
 */
export function readRfc9421KeyPair(text: string, testSeed?: string): Rfc9421KeyPair {
  const trimmed = text.trim();
  if (trimmed === MOCK_KEY) {
    if (testSeed === undefined) throw new Rfc9421KeyError('not a key of this API: it declares no test key for "mock"');
    return readRfc9421KeyPair(testSeed);
  }
  let pair = cache.get(trimmed);
  if (pair === undefined) {
    pair = parse(trimmed);
    cache.set(trimmed, pair);
  }
  return pair;
}

function publicPem(privateKey: ReturnType<typeof createPrivateKey>): string {
  return createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString();
}

function parse(trimmed: string): Rfc9421KeyPair {
  try {
    // One line of base64url: the 32-byte private seed (a JWK's `d`).
    if (/^[A-Za-z0-9_+/-]{43}=?$/.test(trimmed)) {
      const privateKey = createPrivateKey({ key: Buffer.from(rawEd25519Der(ed25519KeyBytes(trimmed), 'sign')), format: 'der', type: 'pkcs8' });
      return { privateKey: trimmed, publicKey: publicPem(privateKey) };
    }
    const jwk = trimmed.startsWith('{') ? (JSON.parse(trimmed) as JsonWebKey) : undefined;
    const isPrivate = jwk ? typeof jwk.d === 'string' : /PRIVATE KEY-----/.test(trimmed);
    if (!isPrivate) return { publicKey: jwk ?? createPublicKey(trimmed).export({ type: 'spki', format: 'pem' }).toString() };
    const privateKey = jwk ? createPrivateKey({ key: jwk as JsonWebKeyInput['key'], format: 'jwk' }) : createPrivateKey(trimmed);
    return { privateKey: jwk ?? trimmed, publicKey: publicPem(privateKey) };
  } catch (error) {
    throw new Rfc9421KeyError(`not a readable key (PEM, JWK, a base64url private seed, or "mock"): ${(error as Error).message}`, { cause: error });
  }
}
