/**
 * Optional access to node:crypto without a static import, so that this package also loads
 * where node:crypto does not exist (browsers, some edge runtimes). Node, Deno and Bun provide
 * `process.getBuiltinModule`; elsewhere {@link nodeCrypto} is `undefined` and the Web Crypto
 * code paths are used.
 * @module
 */
import type * as NodeCryptoModule from 'node:crypto';

import { WebhookVerificationError } from '../errors/webhook-verification-error.ts';

/** The node:crypto module type. */
export type NodeCrypto = typeof NodeCryptoModule;

interface ProcessWithBuiltins {
  getBuiltinModule?: (id: string) => unknown;
}

function loadNodeCrypto(): NodeCrypto | undefined {
  const processLike = (globalThis as { process?: ProcessWithBuiltins }).process;
  try {
    const loaded = processLike?.getBuiltinModule?.('node:crypto') as NodeCrypto | undefined;
    return typeof loaded?.createHmac === 'function' ? loaded : undefined;
  } catch {
    // getBuiltinModule may refuse: no node:crypto then.
  }
  return undefined;
}

/** node:crypto when the runtime has it, otherwise `undefined`. */
export const nodeCrypto: NodeCrypto | undefined = loadNodeCrypto();

/**
 * Returns node:crypto or throws a typed error telling the caller to use the Web Crypto variant.
 *
 * @example
 * const { createHmac } = requireNodeCrypto('verifyHmacSha256');
 */
export function requireNodeCrypto(functionName: string): NodeCrypto {
  if (nodeCrypto !== undefined) return nodeCrypto;
  throw new WebhookVerificationError(
    'unsupported_algorithm',
    `${functionName} needs node:crypto, which this runtime does not provide; use the async (Web Crypto) variant instead.`,
  );
}

/**
 * The Web Crypto `SubtleCrypto` of this runtime, or a typed error if there is none.
 *
 * @example
 * const digest = await requireSubtleCrypto().digest('SHA-256', bytes);
 */
export function requireSubtleCrypto(): SubtleCrypto {
  const subtle = (globalThis as { crypto?: Crypto }).crypto?.subtle;
  if (subtle !== undefined) return subtle;
  throw new WebhookVerificationError(
    'unsupported_algorithm',
    'This runtime has no Web Crypto (globalThis.crypto.subtle); run on Node 20+, Deno, Bun, a browser or a Workers runtime.',
  );
}
