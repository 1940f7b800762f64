// Without node:crypto (browsers, edge workers) keys are prepared on Web Crypto even for the `auto`
// backend, and nothing is taken for a Node KeyObject: node:crypto is hidden from the module here.
import { generateKeyPairSync, sign as nodeSign } from 'node:crypto';

import { describe, expect, it, vi } from 'vitest';

import { WebhookVerificationError } from '../../src/errors/webhook-verification-error.ts';
import { isKeyObject } from '../../src/signatures/rfc9421-key-material.ts';
import { prepareKey } from '../../src/signatures/rfc9421-keys.ts';

vi.mock('../../src/signatures/node-crypto.ts', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/signatures/node-crypto.ts')>();
  return {
    ...original,
    nodeCrypto: undefined,
    requireNodeCrypto: (name: string) => {
      throw new WebhookVerificationError('unsupported_algorithm', `${name} needs node:crypto`);
    },
  };
});

describe('key preparation without node:crypto', () => {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const data = new TextEncoder().encode('signature base');

  it('isKeyObject is false, not a TypeError, even for a real KeyObject', () => {
    expect(isKeyObject({})).toBe(false);
    expect(isKeyObject(publicKey)).toBe(false);
  });

  it('the auto backend prepares a PEM on Web Crypto (a promise) that verifies', async () => {
    const pending = prepareKey(publicKey.export({ format: 'pem', type: 'spki' }) as string, 'verify');
    expect(pending).toBeInstanceOf(Promise);
    const key = await pending;
    expect(key.algorithm).toBe('ed25519');
    expect(await key.verify(data, new Uint8Array(nodeSign(null, data, privateKey)))).toBe(true);
  });
});
