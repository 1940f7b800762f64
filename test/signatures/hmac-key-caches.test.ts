// Keys made from byte secrets (node:crypto) and imported keys (Web Crypto) are cached per secret:
// made once, never shared between different secrets, and a failed import is not kept.
import { createHmac, randomBytes } from 'node:crypto';

import { afterEach, describe, expect, it, vi } from 'vitest';

import { signHmacSha256, verifyHmacSha256 } from '../../src/signatures/hmac-sha256-header.ts';
import { importHmacSha256Key, signHmacSha256Async, verifyHmacSha256Async } from '../../src/signatures/hmac-sha256-header-web-crypto.ts';

const BODY = '{"event":"test"}';
const reference = (secret: string | Uint8Array) => `sha256=${createHmac('sha256', secret).update(BODY).digest('hex')}`;

afterEach(() => {
  vi.restoreAllMocks();
});

describe('node:crypto byte-secret keys', () => {
  it('are made once per secret', () => {
    const node = process.getBuiltinModule('node:crypto');
    const createSecretKey = vi.spyOn(node, 'createSecretKey');
    const secret = randomBytes(32);
    const header = signHmacSha256(secret, BODY);
    expect(header).toBe(reference(secret));
    expect(verifyHmacSha256(new Uint8Array(secret), BODY, header)).toBe(0);
    expect(verifyHmacSha256([randomBytes(32), secret], BODY, header)).toBe(1);
    expect(createSecretKey).toHaveBeenCalledTimes(2);
  });

  it('a string secret is not taken for bytes whose hex it spells', () => {
    const bytes = new Uint8Array([0xfa, 0xde, 0xca, 0xfe, 0xba, 0xbe]);
    expect(signHmacSha256(bytes, BODY)).toBe(reference(bytes));
    expect(signHmacSha256('fadecafebabe', BODY)).toBe(reference('fadecafebabe'));
    expect(verifyHmacSha256('fadecafebabe', BODY, reference('fadecafebabe'))).toBe(0);
  });
});

describe('Web Crypto keys', () => {
  it('are imported once per key, not extractable', async () => {
    const importKey = vi.spyOn(crypto.subtle, 'importKey');
    const secret = randomBytes(32).toString('base64');
    const first = importHmacSha256Key(secret);
    expect(importHmacSha256Key(secret)).toBe(first);
    const key = await first;
    expect(key.extractable).toBe(false);
    expect(key.usages.toSorted()).toEqual(['sign', 'verify']);
    expect(key.algorithm).toMatchObject({ name: 'HMAC', hash: { name: 'SHA-256' } });
    const header = await signHmacSha256Async(secret, BODY);
    expect(header).toBe(reference(secret));
    expect(await verifyHmacSha256Async(secret, BODY, header)).toBe(0);
    expect(importKey).toHaveBeenCalledTimes(1);
  });

  it('different secrets get different keys', async () => {
    const bytes = new Uint8Array([0xfa, 0xde, 0xca, 0xfe, 0xba, 0xbf]);
    expect(await signHmacSha256Async(bytes, BODY)).toBe(reference(bytes));
    expect(await signHmacSha256Async('fadecafebabf', BODY)).toBe(reference('fadecafebabf'));
    expect(await signHmacSha256Async('250,222,202,254,186,191', BODY)).toBe(reference('250,222,202,254,186,191'));
  });

  it('a failed import is not kept: the next call imports again', async () => {
    const secret = randomBytes(32).toString('hex');
    const importKey = vi.spyOn(crypto.subtle, 'importKey').mockRejectedValueOnce(new Error('import failed'));
    await expect(importHmacSha256Key(secret)).rejects.toThrow('import failed');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(await signHmacSha256Async(secret, BODY)).toBe(reference(secret));
    expect(importKey).toHaveBeenCalledTimes(2);
  });
});
