import { describe, expect, it } from 'vitest';
import { newHmacSecret } from '../../src/schemes/hmac-new-secret.ts';
import { decodeHmacSecret } from '../../src/schemes/hmac-secret.ts';

describe('newHmacSecret', () => {
  it.each([
    ['utf8', /^[0-9a-f]{64}$/, 64],
    ['base64', /^[A-Za-z0-9+/]{43}=$/, 32],
    ['whsec-base64', /^whsec_[A-Za-z0-9+/]{43}=$/, 32],
  ] as const)('writes 32 random bytes the way %s reads them', (encoding, form, keyBytes) => {
    const secret = newHmacSecret(encoding);
    expect(secret).toMatch(form);
    expect(decodeHmacSecret(secret, encoding)).toHaveLength(keyBytes);
    expect(newHmacSecret(encoding)).not.toBe(secret);
  });
});
