/**
 * Key preparation for RFC 9421 (`prepareKey`): which key formats each backend accepts (PEM, JWK,
 * raw 32-byte Ed25519, one-line base64url Ed25519, KeyObject, CryptoKey, secret strings and
 * bytes), which it refuses and with which code and message, and the caching of prepared keys.
 */
import { createHmac, createSecretKey, generateKeyPairSync, sign as nodeSign, type KeyObject } from 'node:crypto';

import { afterEach, describe, expect, it, vi } from 'vitest';

import { WebhookVerificationError } from '../../src/errors/webhook-verification-error.ts';
import { isCryptoKey, isPem } from '../../src/signatures/rfc9421-key-material.ts';
import { isAlgorithmKey, prepareKey, type CryptoBackend, type KeyInput, type PreparedKey, type SignatureAlgorithm } from '../../src/signatures/rfc9421-keys.ts';
import { rejectionOf, thrownBy } from './helpers.ts';

const DATA = new TextEncoder().encode('"@method": POST\n"@signature-params": ();created=1');

function ed25519Pair(): { publicKey: KeyObject; privateKey: KeyObject; x: string; d: string; publicPem: string; privatePem: string } {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const jwk = privateKey.export({ format: 'jwk' });
  return {
    publicKey,
    privateKey,
    x: jwk.x as string,
    d: jwk.d as string,
    publicPem: publicKey.export({ format: 'pem', type: 'spki' }) as string,
    privatePem: privateKey.export({ format: 'pem', type: 'pkcs8' }) as string,
  };
}

const A = ed25519Pair();
const B = ed25519Pair();
const SIG_A = new Uint8Array(nodeSign(null, DATA, A.privateKey));

const BACKENDS: readonly CryptoBackend[] = ['auto', 'web-crypto'];

async function prepared(input: KeyInput, use: 'sign' | 'verify', algorithm?: SignatureAlgorithm, backend: CryptoBackend = 'auto'): Promise<PreparedKey> {
  return await prepareKey(input, use, algorithm, backend);
}

/** The error a preparation throws or rejects with. */
async function failure(
  input: unknown,
  use: 'sign' | 'verify',
  algorithm?: SignatureAlgorithm,
  backend: CryptoBackend = 'auto',
): Promise<WebhookVerificationError> {
  let result: unknown;
  const thrown = thrownBy(() => {
    result = prepareKey(input as KeyInput, use, algorithm, backend);
    if (result instanceof Promise) throw result;
    throw new Error(`prepared without error: ${String((result as PreparedKey).algorithm)}`);
  });
  const error = thrown instanceof Promise ? await rejectionOf(thrown) : thrown;
  expect(error).toBeInstanceOf(WebhookVerificationError);
  return error as WebhookVerificationError;
}

async function verifiesA(key: PreparedKey): Promise<void> {
  expect(key.algorithm).toBe('ed25519');
  expect(await key.verify(DATA, SIG_A)).toBe(true);
  expect(await key.verify(DATA, new Uint8Array(nodeSign(null, DATA, B.privateKey)))).toBe(false);
}

async function signsAsA(key: PreparedKey): Promise<void> {
  expect(key.algorithm).toBe('ed25519');
  // Ed25519 signatures are deterministic.
  expect(Buffer.from(await key.sign(DATA)).toString('hex')).toBe(Buffer.from(SIG_A).toString('hex'));
}

function hmacOf(secret: Uint8Array | string): string {
  return createHmac('sha256', secret).update(DATA).digest('hex');
}

async function hmacHex(key: PreparedKey): Promise<string> {
  expect(key.algorithm).toBe('hmac-sha256');
  return Buffer.from(await key.sign(DATA)).toString('hex');
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('isAlgorithmKey, isPem, isCryptoKey', () => {
  it('isAlgorithmKey is true only for objects with a key and a string algorithm', () => {
    expect(isAlgorithmKey({ algorithm: 'ed25519', key: new Uint8Array(32) })).toBe(true);
    expect(isAlgorithmKey({ algorithm: 'ed25519' })).toBe(false);
    expect(isAlgorithmKey({ key: new Uint8Array(32) })).toBe(false);
    expect(isAlgorithmKey({ algorithm: 1, key: 'x' })).toBe(false);
    expect(isAlgorithmKey(null)).toBe(false);
    expect(isAlgorithmKey(undefined)).toBe(false);
    expect(isAlgorithmKey('key')).toBe(false);
  });

  it('isPem allows leading whitespace, not other text before the block', () => {
    expect(isPem(`\n  ${A.publicPem}`)).toBe(true);
    expect(isPem(A.publicPem)).toBe(true);
    expect(isPem(`x${A.publicPem}`)).toBe(false);
    expect(isPem('-----BEGIN')).toBe(false);
  });

  it('isCryptoKey is false, not a TypeError, where the runtime has no CryptoKey', () => {
    vi.stubGlobal('CryptoKey', undefined);
    expect(isCryptoKey({})).toBe(false);
  });
});

describe.each(BACKENDS)('accepted Ed25519 keys (%s)', (backend) => {
  it('PEM: public to verify, private to verify and to sign, with or without the ed25519 hint', async () => {
    await verifiesA(await prepared(A.publicPem, 'verify', undefined, backend));
    await verifiesA(await prepared(A.publicPem, 'verify', 'ed25519', backend));
    await verifiesA(await prepared(A.privatePem, 'verify', undefined, backend));
    await signsAsA(await prepared(A.privatePem, 'sign', undefined, backend));
    await signsAsA(await prepared(A.privatePem, 'sign', 'ed25519', backend));
    await verifiesA(await prepared(`  \n${A.publicPem}`, 'verify', undefined, backend));
  });

  it('JWK: public to verify, private to sign and to verify (a stray "d" is ignored to verify)', async () => {
    const publicJwk = { kty: 'OKP', crv: 'Ed25519', x: A.x };
    await verifiesA(await prepared(publicJwk, 'verify', undefined, backend));
    await verifiesA(await prepared({ ...publicJwk }, 'verify', 'ed25519', backend));
    await signsAsA(await prepared({ ...publicJwk, d: A.d }, 'sign', undefined, backend));
    await signsAsA(await prepared({ ...publicJwk, d: A.d }, 'sign', 'ed25519', backend));
    await verifiesA(await prepared({ ...publicJwk, d: B.d }, 'verify', undefined, backend));
  });

  it('raw 32 bytes with the algorithm stated, in either form', async () => {
    const x = new Uint8Array(Buffer.from(A.x, 'base64url'));
    const d = new Uint8Array(Buffer.from(A.d, 'base64url'));
    await verifiesA(await prepared({ algorithm: 'ed25519', key: x }, 'verify', undefined, backend));
    await verifiesA(await prepared({ algorithm: 'ed25519', key: x.slice() }, 'verify', 'ed25519', backend));
    await verifiesA(await prepared(x.slice(), 'verify', 'ed25519', backend));
    await signsAsA(await prepared({ algorithm: 'ed25519', key: d }, 'sign', undefined, backend));
  });

  it('one-line base64url key (a JWK "x" to verify, "d" to sign), trimmed, where ed25519 is required', async () => {
    await verifiesA(await prepared(A.x, 'verify', 'ed25519', backend));
    await verifiesA(await prepared(` ${A.x}\n`, 'verify', 'ed25519', backend));
    await verifiesA(await prepared({ algorithm: 'ed25519', key: A.x }, 'verify', undefined, backend));
    await signsAsA(await prepared(A.d, 'sign', 'ed25519', backend));
  });

  it('KeyObject: public to verify, private to sign and verify', async () => {
    await verifiesA(await prepared(A.publicKey, 'verify', undefined, backend));
    await verifiesA(await prepared(A.publicKey, 'verify', 'ed25519', backend));
    await verifiesA(await prepared(A.privateKey, 'verify', undefined, backend));
    await signsAsA(await prepared(A.privateKey, 'sign', undefined, backend));
  });

  it('CryptoKey: the matching usage, with or without the hint', async () => {
    const publicKey = await crypto.subtle.importKey('jwk', { kty: 'OKP', crv: 'Ed25519', x: A.x }, 'Ed25519', false, ['verify']);
    const privateKey = await crypto.subtle.importKey('jwk', { kty: 'OKP', crv: 'Ed25519', x: A.x, d: A.d }, 'Ed25519', false, ['sign']);
    await verifiesA(await prepared(publicKey, 'verify', undefined, backend));
    await verifiesA(await prepared(publicKey, 'verify', 'ed25519', backend));
    await signsAsA(await prepared(privateKey, 'sign', 'ed25519', backend));
  });

  it('a signature of the wrong length is false, not an error', async () => {
    const key = await prepared(A.publicKey, 'verify', undefined, backend);
    expect(await key.verify(DATA, SIG_A.subarray(0, 63))).toBe(false);
    expect(await key.verify(DATA, new Uint8Array(0))).toBe(false);
  });
});

describe.each(BACKENDS)('accepted HMAC secrets (%s)', (backend) => {
  it('a secret string, with or without the hmac-sha256 hint', async () => {
    expect(await hmacHex(await prepared('whsec-one', 'sign', undefined, backend))).toBe(hmacOf('whsec-one'));
    expect(await hmacHex(await prepared('whsec-two', 'sign', 'hmac-sha256', backend))).toBe(hmacOf('whsec-two'));
  });

  it('bytes with the algorithm stated; the string "1,2,3" and the bytes 1,2,3 are different secrets', async () => {
    expect(await hmacHex(await prepared('1,2,3', 'sign', 'hmac-sha256', backend))).toBe(hmacOf('1,2,3'));
    expect(await hmacHex(await prepared(Uint8Array.of(1, 2, 3), 'sign', 'hmac-sha256', backend))).toBe(hmacOf(Uint8Array.of(1, 2, 3)));
    expect(await hmacHex(await prepared({ algorithm: 'hmac-sha256', key: Uint8Array.of(4) }, 'sign', undefined, backend))).toBe(hmacOf(Uint8Array.of(4)));
    // Nor the string "12" and the bytes 1,2 (the hex of the bytes is "0102").
    expect(await hmacHex(await prepared('12', 'sign', 'hmac-sha256', backend))).toBe(hmacOf('12'));
    expect(await hmacHex(await prepared(Uint8Array.of(1, 2), 'sign', 'hmac-sha256', backend))).toBe(hmacOf(Uint8Array.of(1, 2)));
  });

  it('an "oct" JWK, with or without the hint', async () => {
    const k = Buffer.from('jwk-secret').toString('base64url');
    expect(await hmacHex(await prepared({ kty: 'oct', k }, 'sign', undefined, backend))).toBe(hmacOf('jwk-secret'));
    expect(await hmacHex(await prepared({ kty: 'oct', k }, 'sign', 'hmac-sha256', backend))).toBe(hmacOf('jwk-secret'));
  });

  it('a secret KeyObject, with or without the hint', async () => {
    expect(await hmacHex(await prepared(createSecretKey(Buffer.from('ko-secret')), 'sign', undefined, backend))).toBe(hmacOf('ko-secret'));
    expect(await hmacHex(await prepared(createSecretKey(Buffer.from('ko-secret')), 'sign', 'hmac-sha256', backend))).toBe(hmacOf('ko-secret'));
  });

  it('an HMAC SHA-256 CryptoKey, with or without the hint', async () => {
    const key = await crypto.subtle.importKey('raw', new TextEncoder().encode('ck-secret'), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
    expect(await hmacHex(await prepared(key, 'sign', undefined, backend))).toBe(hmacOf('ck-secret'));
    expect(await hmacHex(await prepared(key, 'sign', 'hmac-sha256', backend))).toBe(hmacOf('ck-secret'));
  });

  it('verify: the right MAC is true; a wrong or shorter one is false, not an error', async () => {
    const key = await prepared('verify-secret', 'verify', undefined, backend);
    const mac = new Uint8Array(createHmac('sha256', 'verify-secret').update(DATA).digest());
    expect(await key.verify(DATA, mac)).toBe(true);
    expect(await key.verify(DATA, mac.subarray(0, 31))).toBe(false);
    const wrong = mac.slice();
    wrong[0] = (wrong[0] ?? 0) ^ 1;
    expect(await key.verify(DATA, wrong)).toBe(false);
  });
});

describe.each(BACKENDS)('refused keys (%s)', (backend) => {
  it('a key declared as one algorithm where the other is required', async () => {
    const error = await failure({ algorithm: 'ed25519', key: new Uint8Array(32) }, 'verify', 'hmac-sha256', backend);
    expect(error.code).toBe('invalid_key');
    expect(error.message).toBe('The key is declared as ed25519 but hmac-sha256 is required here.');
  });

  it('an algorithm that is not implemented', async () => {
    const error = await failure({ algorithm: 'rsa-pss-sha512', key: new Uint8Array(32) }, 'verify', undefined, backend);
    expect(error.code).toBe('unsupported_algorithm');
  });

  it('an Ed25519 key where hmac-sha256 is required, and a secret where ed25519 is', async () => {
    const ed = await failure(A.publicPem, 'verify', 'hmac-sha256', backend);
    expect(ed.code).toBe('invalid_key');
    expect(ed.message).toBe('This is an Ed25519 key, not a key for hmac-sha256: pass the key that matches the algorithm.');
    const jwk = await failure({ kty: 'oct', k: Buffer.from('s').toString('base64url') }, 'verify', 'ed25519', backend);
    expect(jwk.code).toBe('invalid_key');
    expect(jwk.message).toBe('This is an HMAC secret, not a key for ed25519: pass the key that matches the algorithm.');
  });

  it('a string that is not a 32-byte base64url key where ed25519 is required', async () => {
    const message =
      'An Ed25519 key string is a PEM block or the base64url of the 32 key bytes (a JWK "d" seed to sign, "x" to verify); this string is neither (an HMAC secret is not an Ed25519 key).';
    for (const text of ['not base64!', Buffer.alloc(31).toString('base64url'), Buffer.alloc(33).toString('base64url')]) {
      const error = await failure(text, 'verify', 'ed25519', backend);
      expect(error.code).toBe('invalid_key');
      expect(error.message).toBe(message);
    }
  });

  it('raw bytes without an algorithm, and raw Ed25519 keys that are not 32 bytes', async () => {
    const ambiguous = await failure(new Uint8Array(32), 'verify', undefined, backend);
    expect(ambiguous.code).toBe('invalid_key');
    expect(ambiguous.message).toBe('Raw key bytes are ambiguous: pass { algorithm: "ed25519" | "hmac-sha256", key } or set the algorithm option.');
    const seed = await failure({ algorithm: 'ed25519', key: new Uint8Array(31) }, 'sign', undefined, backend);
    expect(seed.message).toBe('A raw Ed25519 private seed is 32 bytes, not 31.');
    const publicKey = await failure({ algorithm: 'ed25519', key: new Uint8Array(33) }, 'verify', undefined, backend);
    expect(publicKey.code).toBe('invalid_key');
    expect(publicKey.message).toBe('A raw Ed25519 public key is 32 bytes, not 33.');
  });

  it('empty secrets: missing_secret, whatever their form', async () => {
    for (const input of ['', { kty: 'oct', k: '' }, { algorithm: 'hmac-sha256', key: new Uint8Array(0) }]) {
      expect((await failure(input, 'verify', undefined, backend)).code).toBe('missing_secret');
    }
  });

  it('an "oct" JWK without a valid base64url "k"', async () => {
    for (const jwk of [{ kty: 'oct' }, { kty: 'oct', k: 'not base64!' }, { kty: 'oct', k: 7 }]) {
      const error = await failure(jwk, 'verify', undefined, backend);
      expect(error.code).toBe('invalid_key');
      expect(error.message).toBe('The "oct" JWK has no valid base64url "k" member.');
    }
  });

  it('JWKs that are not OKP/Ed25519 or oct, even with an Ed25519 "x"', async () => {
    for (const jwk of [
      { kty: 'EC', crv: 'Ed25519', x: A.x },
      { kty: 'OKP', crv: 'X25519', x: A.x },
      { kty: 'RSA', n: 'AQAB', e: 'AQAB' },
    ]) {
      const error = await failure(jwk, 'verify', undefined, backend);
      expect(error.code).toBe('invalid_key');
      expect(error.message).toMatch(/^Unsupported JWK \(kty /);
    }
  });

  it('a public key to sign', async () => {
    // node:crypto reads a PEM as the private key it needs, Web Crypto a KeyObject as its JWK: each
    // says so in its own words, after the import failed.
    const [clear, unreadable] = backend === 'auto' ? [A.publicKey, A.publicPem] : [A.publicPem, A.publicKey];
    const error = await failure(clear, 'sign', undefined, backend);
    expect(error.code).toBe('invalid_key');
    expect(error.message).toBe('Signing needs the Ed25519 private key, but a public key was given.');
    const other = await failure(unreadable, 'sign', undefined, backend);
    expect(other.code).toBe('invalid_key');
    expect(other.cause).toBeInstanceOf(Error);
  });

  it('PEM blocks other than PUBLIC KEY and PRIVATE KEY, and PEM that does not parse', async () => {
    const certificate = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
    const badBody = '-----BEGIN PUBLIC KEY-----\n!!!!\n-----END PUBLIC KEY-----\n';
    const truncated = `-----BEGIN PUBLIC KEY-----\n${Buffer.alloc(12).toString('base64')}\n-----END PUBLIC KEY-----\n`;
    for (const pem of [certificate, badBody, truncated]) {
      const error = await failure(pem, 'verify', undefined, backend);
      expect(error.code).toBe('invalid_key');
      expect(error.cause ?? error.message).toBeTruthy();
    }
  });

  it('values that are no key at all', async () => {
    for (const input of [null, undefined, 42, true]) {
      const error = await failure(input, 'verify', undefined, backend);
      expect(error.code).toBe('invalid_key');
      expect(error.message).toBe(`Unsupported key type ${typeof input}: pass a KeyObject, CryptoKey, JWK, PEM string, secret string or bytes.`);
    }
  });
});

describe('refused keys: backend specifics', () => {
  it('node:crypto: an unreadable PEM is invalid_key with the parse error as its cause', async () => {
    const error = await failure('-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n', 'verify');
    expect(error.code).toBe('invalid_key');
    expect(error.message).toMatch(/^The key could not be read \(.+\): check the PEM\/JWK\/bytes/);
    expect(error.cause).toBeInstanceOf(Error);
  });

  it('node:crypto: asymmetric keys other than Ed25519', async () => {
    const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const error = await failure(publicKey, 'verify');
    expect(error.code).toBe('invalid_key');
    expect(error.message).toBe('Unsupported ec key: only Ed25519 keys and HMAC secrets are supported.');
  });

  it('Web Crypto: PEM blocks it cannot read, and key material it cannot import', async () => {
    const certificate = await failure('-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n', 'verify', undefined, 'web-crypto');
    expect(certificate.message).toBe('Only "PUBLIC KEY" (SPKI) and "PRIVATE KEY" (PKCS #8) PEM blocks are supported.');
    const badBody = await failure('-----BEGIN PUBLIC KEY-----\n!!!!\n-----END PUBLIC KEY-----\n', 'verify', undefined, 'web-crypto');
    expect(badBody.message).toBe('Only "PUBLIC KEY" (SPKI) and "PRIVATE KEY" (PKCS #8) PEM blocks are supported.');
    const truncated = await failure('-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n', 'verify', undefined, 'web-crypto');
    expect(truncated.code).toBe('invalid_key');
    expect(truncated.message).toMatch(/^The key could not be imported into Web Crypto \(.+\): check that it is an Ed25519 key/);
    expect(truncated.cause).toBeInstanceOf(Error);
  });

  it('Web Crypto: a CryptoKey without the usage asked for', async () => {
    const publicKey = await crypto.subtle.importKey('jwk', { kty: 'OKP', crv: 'Ed25519', x: A.x }, 'Ed25519', false, ['verify']);
    const signOnly = await crypto.subtle.importKey('raw', Uint8Array.of(1), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    const ed = await failure(publicKey, 'sign', undefined, 'web-crypto');
    expect(ed.code).toBe('invalid_key');
    expect(ed.message).toBe('This CryptoKey cannot be used to sign (usages: verify).');
    const hmac = await failure(signOnly, 'verify', undefined, 'web-crypto');
    expect(hmac.code).toBe('invalid_key');
    expect(hmac.message).toBe('This CryptoKey cannot be used to verify (usages: sign).');
  });

  it('Web Crypto: CryptoKeys of other algorithms, an HMAC with another hash included', async () => {
    const sha384 = await crypto.subtle.importKey('raw', Uint8Array.of(1), { name: 'HMAC', hash: 'SHA-384' }, false, ['sign', 'verify']);
    const aes = await crypto.subtle.importKey('raw', new Uint8Array(16), 'AES-GCM', false, ['encrypt']);
    const rsa = await crypto.subtle.generateKey(
      { name: 'RSASSA-PKCS1-v1_5', modulusLength: 1024, publicExponent: Uint8Array.of(1, 0, 1), hash: 'SHA-256' },
      false,
      ['sign', 'verify'],
    );
    for (const key of [sha384, aes, rsa.publicKey]) {
      const error = await failure(key, 'verify', undefined, 'web-crypto');
      expect(error.code).toBe('invalid_key');
      expect(error.message).toMatch(/^Unsupported CryptoKey algorithm [-\w]+: expected Ed25519 or HMAC with SHA-256\.$/);
    }
  });
});

describe('caching of prepared keys', () => {
  it('the same string, bytes or object gives the same prepared key; each use, backend and algorithm its own', async () => {
    const secret = 'cache-secret';
    expect(prepareKey(secret, 'verify')).toBe(prepareKey(secret, 'verify'));
    const bytes = { algorithm: 'hmac-sha256', key: Uint8Array.of(9, 9) } as const;
    expect(prepareKey(Uint8Array.of(9, 9), 'verify', 'hmac-sha256')).toBe(prepareKey(bytes, 'verify'));

    const jwk = { kty: 'OKP', crv: 'Ed25519', x: A.x, d: A.d };
    const verify = prepareKey(jwk, 'verify');
    const sign = prepareKey(jwk, 'sign');
    expect(sign).not.toBe(verify);
    expect(prepareKey(jwk, 'verify')).toBe(verify);
    expect(prepareKey(jwk, 'sign')).toBe(sign);
    expect(prepareKey(jwk, 'verify', 'ed25519')).not.toBe(verify);
  });

  it('a key prepared for verify is not reused to sign, nor a node:crypto key for Web Crypto', async () => {
    const pem = ed25519Pair().publicPem;
    expect((prepareKey(pem, 'verify', 'ed25519') as PreparedKey).algorithm).toBe('ed25519');
    expect((await failure(pem, 'sign', 'ed25519')).code).toBe('invalid_key');
    const secret = 'cache-backend-secret';
    expect(prepareKey(secret, 'sign', 'hmac-sha256')).not.toBeInstanceOf(Promise);
    expect(prepareKey(secret, 'sign', 'hmac-sha256', 'web-crypto')).toBeInstanceOf(Promise);
    const jwk = { kty: 'oct', k: Buffer.from('obj-secret').toString('base64url') };
    expect(prepareKey(jwk, 'sign', 'hmac-sha256')).not.toBeInstanceOf(Promise);
    expect(prepareKey(jwk, 'sign', 'hmac-sha256', 'web-crypto')).toBeInstanceOf(Promise);
  });

  it('Web Crypto: the settled key replaces the promise; a failed preparation is not kept', async () => {
    const jwk = { kty: 'OKP', crv: 'Ed25519', x: A.x };
    const pending = prepareKey(jwk, 'verify', undefined, 'web-crypto');
    expect(pending).toBeInstanceOf(Promise);
    const key = await pending;
    expect(prepareKey(jwk, 'verify', undefined, 'web-crypto')).toBe(key);

    const bad = { kty: 'OKP', crv: 'Ed25519', x: 'AAAA' };
    const first = prepareKey(bad, 'verify', undefined, 'web-crypto');
    expect((await rejectionOf(first as Promise<PreparedKey>)) as WebhookVerificationError).toMatchObject({ code: 'invalid_key' });
    const second = prepareKey(bad, 'verify', undefined, 'web-crypto');
    expect(second).not.toBe(first);
    await rejectionOf(second as Promise<PreparedKey>);

    const secret = 'web-value-secret';
    const value = await prepareKey(secret, 'verify', undefined, 'web-crypto');
    expect(prepareKey(secret, 'verify', undefined, 'web-crypto')).toBe(value);
  });
});
