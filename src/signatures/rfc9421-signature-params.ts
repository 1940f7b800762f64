/**
 * RFC 9421 signature parameters (`created`, `expires`, `nonce`, `alg`, `keyid`, `tag`) and the
 * `@signature-params` value (the covered components as an Inner List with those parameters).
 * @module
 */
import { serializeBareItem, serializeInnerList, serializeKey, type BareItem, type Parameters } from 'structured-headers';

import { WebhookVerificationError } from '../errors/webhook-verification-error.ts';
import type { ComponentIdentifier } from './rfc9421-component-identifier.ts';

/** The signature parameters defined by RFC 9421 section 2.3, typed. */
export interface SignatureParameters {
  /** Creation time, UNIX seconds. */
  readonly created?: number;
  /** Expiry time, UNIX seconds. */
  readonly expires?: number;
  /** A value the signer generated once for this signature. */
  readonly nonce?: string;
  /** Algorithm name from the RFC 9421 registry (e.g. `ed25519`, `hmac-sha256`). */
  readonly alg?: string;
  /** Key identifier. */
  readonly keyid?: string;
  /** Application-specific tag. */
  readonly tag?: string;
}

/** Names of the typed {@link SignatureParameters}. */
export type SignatureParameterName = keyof SignatureParameters;

/** Order used when this library writes parameters (matches the RFC 9421 Appendix B examples). */
const WRITE_ORDER: readonly SignatureParameterName[] = ['created', 'expires', 'keyid', 'alg', 'nonce', 'tag'];
const INTEGER_PARAMS: ReadonlySet<string> = new Set(['created', 'expires']);
const STRING_PARAMS: ReadonlySet<string> = new Set(['nonce', 'alg', 'keyid', 'tag']);
const SF_STRING = /^[\x20-\x7e]*$/;

/**
 * Reads and type-checks the parameters of one Signature-Input member; unknown (extension)
 * parameters are ignored here but stay in the signed `@signature-params` value.
 *
 * @example
 * readSignatureParameters(new Map([['created', 1618884473], ['keyid', 'k']]), 'sig1'); // { created: 1618884473, keyid: 'k' }
 */
export function readSignatureParameters(params: Parameters, label: string): SignatureParameters {
  let created: number | undefined;
  let expires: number | undefined;
  let nonce: string | undefined;
  let alg: string | undefined;
  let keyid: string | undefined;
  let tag: string | undefined;
  for (const [name, value] of params) {
    if (INTEGER_PARAMS.has(name)) {
      // Number.isSafeInteger is false for anything that is not a number.
      if (!Number.isSafeInteger(value) || (value as number) < 0) {
        throw new WebhookVerificationError('malformed_header', `Signature-Input "${label}" has a ;${name} parameter that is not a non-negative integer.`, {
          header: 'signature-input',
        });
      }
      if (name === 'created') created = value as number;
      else expires = value as number;
    } else if (STRING_PARAMS.has(name)) {
      if (typeof value !== 'string') {
        throw new WebhookVerificationError('malformed_header', `Signature-Input "${label}" has a ;${name} parameter that is not a string.`, {
          header: 'signature-input',
        });
      }
      if (name === 'nonce') nonce = value;
      else if (name === 'alg') alg = value;
      else if (name === 'keyid') keyid = value;
      else tag = value;
    }
  }
  return { created, expires, nonce, alg, keyid, tag };
}

/**
 * Builds the ordered parameters for a new signature, checking that strings are printable ASCII.
 *
 * @example
 * writeSignatureParameters({ keyid: 'k', created: 1 }); // Map { 'created' => 1, 'keyid' => 'k' }
 */
export function writeSignatureParameters(values: SignatureParameters): Parameters {
  const params: Parameters = new Map();
  for (const name of WRITE_ORDER) {
    const value = values[name];
    if (value === undefined) continue;
    const valid = INTEGER_PARAMS.has(name) ? Number.isSafeInteger(value) && (value as number) >= 0 : typeof value === 'string' && SF_STRING.test(value);
    if (!valid) {
      throw new WebhookVerificationError(
        'malformed_header',
        `Signature parameter ${name} must be ${INTEGER_PARAMS.has(name) ? 'a non-negative integer (UNIX seconds)' : 'printable ASCII'}.`,
        { header: 'signature-input' },
      );
    }
    params.set(name, value as BareItem);
  }
  return params;
}

/**
 * Serialises the `@signature-params` value: the covered components as an Inner List followed by
 * the parameters (pass `serialized` when the identifiers are already serialised), e.g. `("@method" "@path");created=1618884473;keyid="test-key-ed25519"`.
 *
 * @example
 * serializeSignatureParams([{ name: '@method', params: new Map() }], new Map([['created', 1]])); // '("@method");created=1'
 */
export function serializeSignatureParams(components: readonly ComponentIdentifier[], params: Parameters, serialized?: readonly string[]): string {
  try {
    // Same output as serializeInnerList (built from the library's own key and bare-item
    // serialisers), reusing the identifiers when they are already serialised.
    if (serialized !== undefined) {
      let out = `(${serialized.join(' ')})`;
      for (const [name, value] of params) out += value === true ? `;${serializeKey(name)}` : `;${serializeKey(name)}=${serializeBareItem(value)}`;
      return out;
    }
    return serializeInnerList([components.map((id) => [id.name, id.params as Parameters]), params]);
  } catch (cause) {
    throw new WebhookVerificationError('malformed_header', 'The signature parameters cannot be serialised as a structured field.', {
      header: 'signature-input',
      cause,
    });
  }
}
