/**
 * Key lookup for RFC 9421 verification: calls the resolver (sync or async), prepares the key and
 * checks it against the allowed algorithms and the signature's `alg`.
 * @module
 */
import { WebhookVerificationError } from '../errors/webhook-verification-error.ts';
import { prepareKey, type CryptoBackend, type KeyInput, type PreparedKey, type SignatureAlgorithm } from './rfc9421-keys.ts';
import type { SignatureParameters } from './rfc9421-signature-params.ts';
import type { KeyResolver, VerifyHttpMessageOptions } from './rfc9421-verify.ts';

/**
 * Resolves and prepares the key for one signature; synchronous when the resolver and the key
 * preparation are (the common case with cached keys), so no promise is created.
 *
 * @example
 * const key = await resolveKey('sig1', params, ['ed25519'], 'ed25519', { key: (keyid) => keys.get(keyid) });
 */
export function resolveKey(
  label: string,
  params: SignatureParameters,
  allowed: readonly SignatureAlgorithm[],
  declared: SignatureAlgorithm | undefined,
  options: VerifyHttpMessageOptions,
): PreparedKey | Promise<PreparedKey> {
  if (typeof options.key !== 'function') return prepareResolved(label, params, allowed, declared, options.key, options.backend);
  let found: ReturnType<KeyResolver>;
  try {
    found = options.key(params.keyid, params.alg, params);
  } catch (cause) {
    throw resolverFailed(label, params, cause);
  }
  if (!(found instanceof Promise)) return prepareResolved(label, params, allowed, declared, found, options.backend);
  return found.then(
    (input) => prepareResolved(label, params, allowed, declared, input, options.backend),
    (cause: unknown) => {
      throw resolverFailed(label, params, cause);
    },
  );
}

function resolverFailed(label: string, params: SignatureParameters, cause: unknown): WebhookVerificationError {
  if (cause instanceof WebhookVerificationError) return cause;
  return new WebhookVerificationError('unknown_key', `The key resolver failed for keyid ${JSON.stringify(params.keyid)} of signature "${label}".`, {
    header: 'signature-input',
    cause,
  });
}

function prepareResolved(
  label: string,
  params: SignatureParameters,
  allowed: readonly SignatureAlgorithm[],
  declared: SignatureAlgorithm | undefined,
  input: KeyInput | null | undefined,
  backend: CryptoBackend | undefined,
): PreparedKey | Promise<PreparedKey> {
  if (input === null || input === undefined) {
    throw new WebhookVerificationError(
      'unknown_key',
      `No key is known for keyid ${JSON.stringify(params.keyid)} (signature "${label}"): add the partner's key to the resolver.`,
      { header: 'signature-input' },
    );
  }
  // Only raw bytes need a hint; the caller's own configuration provides it, never the signature.
  const hint = input instanceof Uint8Array && allowed.length === 1 ? allowed[0] : undefined;
  const prepared = prepareKey(input, 'verify', hint, backend);
  return prepared instanceof Promise
    ? prepared.then((key) => checkKey(label, params, allowed, declared, key))
    : checkKey(label, params, allowed, declared, prepared);
}

function checkKey(
  label: string,
  params: SignatureParameters,
  allowed: readonly SignatureAlgorithm[],
  declared: SignatureAlgorithm | undefined,
  key: PreparedKey,
): PreparedKey {
  if (!allowed.includes(key.algorithm)) {
    throw new WebhookVerificationError('unsupported_algorithm', `The key for signature "${label}" is a ${key.algorithm} key, which is not allowed here.`, {
      header: 'signature-input',
    });
  }
  if (declared !== undefined && declared !== key.algorithm) {
    throw new WebhookVerificationError(
      'invalid_key',
      `Signature "${label}" declares alg="${declared}" but the key for keyid ${JSON.stringify(params.keyid)} is a ${key.algorithm} key.`,
      { header: 'signature-input' },
    );
  }
  return key;
}
