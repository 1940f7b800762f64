// node-crypto.ts decides once, when it loads, whether node:crypto is there; each case loads it
// again with process.getBuiltinModule replaced.
import { afterEach, describe, expect, it, vi } from 'vitest';

import { thrownBy } from './helpers.ts';

/** The code of the error (the module loaded again has a WebhookVerificationError class of its own). */
const codeOf = (error: unknown) => {
  expect((error as Error).name).toBe('WebhookVerificationError');
  return (error as { code?: unknown }).code;
};

type Builtins = { getBuiltinModule?: (id: string) => unknown };

async function loadWith(getBuiltinModule: Builtins['getBuiltinModule']) {
  const processLike = process as unknown as Builtins;
  const saved = processLike.getBuiltinModule;
  processLike.getBuiltinModule = getBuiltinModule;
  try {
    vi.resetModules();
    return await import('../../src/signatures/node-crypto.ts');
  } finally {
    processLike.getBuiltinModule = saved;
  }
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.resetModules();
});

describe('nodeCrypto and requireNodeCrypto', () => {
  it('use node:crypto when the runtime provides it', async () => {
    const crypto = process.getBuiltinModule('node:crypto');
    const module = await loadWith((id) => (id === 'node:crypto' ? crypto : undefined));
    expect(module.nodeCrypto).toBe(crypto);
    expect(module.requireNodeCrypto('f')).toBe(crypto);
  });

  for (const [runtime, getBuiltinModule] of [
    ['has no getBuiltinModule', undefined],
    ['returns nothing', () => undefined],
    ['returns a module without createHmac', () => ({ createHash: () => undefined })],
    [
      'throws',
      () => {
        throw new Error('no such module');
      },
    ],
  ] as const) {
    it(`are absent when getBuiltinModule ${runtime}: unsupported_algorithm`, async () => {
      const module = await loadWith(getBuiltinModule);
      expect(module.nodeCrypto).toBeUndefined();
      expect(codeOf(thrownBy(() => module.requireNodeCrypto('verifyHmacSha256')))).toBe('unsupported_algorithm');
    });
  }
});

describe('requireSubtleCrypto', () => {
  it('returns globalThis.crypto.subtle', async () => {
    const { requireSubtleCrypto } = await import('../../src/signatures/node-crypto.ts');
    expect(requireSubtleCrypto()).toBe(globalThis.crypto.subtle);
  });

  it('is unsupported_algorithm without globalThis.crypto or without its subtle', async () => {
    const { requireSubtleCrypto } = await import('../../src/signatures/node-crypto.ts');
    vi.stubGlobal('crypto', undefined);
    expect(codeOf(thrownBy(() => requireSubtleCrypto()))).toBe('unsupported_algorithm');
    vi.stubGlobal('crypto', {});
    expect(codeOf(thrownBy(() => requireSubtleCrypto()))).toBe('unsupported_algorithm');
  });
});
