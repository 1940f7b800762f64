// readRfc9421KeyPair, the `--key` of an rfc9421 API: each accepted form gives the halves it
// holds (a private one also its derived public PEM), `mock` is the test seed's pair, and
// anything else is an Rfc9421KeyError (code invalid_key) with the parser's error as its cause.
import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { WebhookVerificationError } from '../../src/errors/webhook-verification-error.ts';
import { MOCK_KEY, Rfc9421KeyError, readRfc9421KeyPair } from '../../src/schemes/rfc9421-key-pair.ts';

const keys = generateKeyPairSync('ed25519');
const publicPem = keys.publicKey.export({ type: 'spki', format: 'pem' }).toString();
const privatePem = keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const privateJwk = keys.privateKey.export({ format: 'jwk' });
const publicJwk = keys.publicKey.export({ format: 'jwk' });
const seed = privateJwk.d!;

function keyError(text: string, testSeed?: string): Rfc9421KeyError {
  try {
    readRfc9421KeyPair(text, testSeed);
  } catch (error) {
    expect(error).toBeInstanceOf(Rfc9421KeyError);
    expect([(error as Rfc9421KeyError).name, (error as Rfc9421KeyError).code]).toEqual(['Rfc9421KeyError', 'invalid_key']);
    return error as Rfc9421KeyError;
  }
  throw new Error(`expected ${JSON.stringify(text)} to be refused`);
}

describe('readRfc9421KeyPair', () => {
  it('a base64url private seed (43 characters, or 44 with its padding) gives the seed and its public PEM', () => {
    expect(seed).toHaveLength(43);
    expect(readRfc9421KeyPair(`  ${seed}\n`)).toStrictEqual({ privateKey: seed, publicKey: publicPem });
    const padded = `${Buffer.from(seed, 'base64url').toString('base64')}`;
    expect(padded).toMatch(/=$/);
    expect(readRfc9421KeyPair(padded)).toStrictEqual({ privateKey: padded, publicKey: publicPem });
  });

  it('a private PEM gives itself and its public PEM; a public PEM only the public half', () => {
    expect(readRfc9421KeyPair(`\n${privatePem}\n`)).toStrictEqual({ privateKey: privatePem.trim(), publicKey: publicPem });
    expect(readRfc9421KeyPair(publicPem)).toStrictEqual({ publicKey: publicPem });
  });

  it('a private JWK gives the JWK and its public PEM; a public JWK only itself', () => {
    expect(readRfc9421KeyPair(` ${JSON.stringify(privateJwk)} `)).toStrictEqual({ privateKey: privateJwk, publicKey: publicPem });
    expect(readRfc9421KeyPair(JSON.stringify(publicJwk))).toStrictEqual({ publicKey: publicJwk });
  });

  it('`mock` is the test seed’s pair (the same object), and no key where the API declares no test seed', () => {
    expect(MOCK_KEY).toBe('mock');
    expect(readRfc9421KeyPair(' mock\n', seed)).toBe(readRfc9421KeyPair(seed));
    expect(readRfc9421KeyPair('mock', seed)).toStrictEqual({ privateKey: seed, publicKey: publicPem });
    const error = keyError('mock');
    expect(error.message).toContain('declares no test key');
    expect(error.cause).toBeUndefined();
  });

  it('reads a text once: the same text gives the same pair', () => {
    const other = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect(readRfc9421KeyPair(other)).toBe(readRfc9421KeyPair(`${other}\n`));
  });

  it('anything else is refused, with what the parser said as its cause', () => {
    for (const text of ['not a key', '{"kty":"OKP"', `x${seed}`, `${seed}!`, 'c2VjcmV0']) {
      const error = keyError(text);
      expect(error.message).toMatch(/^not a readable key \(PEM, JWK, a base64url private seed, or "mock"\): /);
      expect(error.cause).toBeInstanceOf(Error);
      // Only a whole line of 43 base64url characters is read as a seed; the rest goes to the PEM and JWK parsers.
      expect(error.cause).not.toBeInstanceOf(WebhookVerificationError);
    }
  });
});
