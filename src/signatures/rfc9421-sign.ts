/**
 * RFC 9421 signing: produces the `Signature-Input` and `Signature` header values for a message.
 * @module
 */
import { serializeByteSequence, type InnerList, type Parameters } from 'structured-headers';

import { WebhookVerificationError } from '../errors/webhook-verification-error.ts';
import { latin1Bytes } from './bytes.ts';
import { createFieldReader, type HttpMessageLike } from './http-message.ts';
import type { ComponentInput } from './rfc9421-component-identifier.ts';
import type { ComponentValueOptions } from './rfc9421-component-values.ts';
import { nowInSeconds, toUnixSeconds, type Clock } from './rfc9421-clock.ts';
import { prepareKey, type CryptoBackend, type KeyInput, type SignatureAlgorithm } from './rfc9421-keys.ts';
import { createSignatureBase } from './rfc9421-signature-base.ts';
import { appendDictionaryMember, isValidLabel } from './rfc9421-signature-fields.ts';

/** Options for {@link signHttpMessage}. */
export interface SignHttpMessageOptions extends ComponentValueOptions {
  /** The signing key: an Ed25519 private key or an HMAC secret (see `KeyInput`). */
  key: KeyInput;
  /** The algorithm; inferred from the key when omitted (required for raw key bytes). */
  algorithm?: SignatureAlgorithm;
  /** Covered components in order, e.g. `['@method', '@target-uri', 'content-digest']`. Names are lowercased. */
  components: readonly ComponentInput[];
  /** Signature label (default `sig1`). */
  label?: string;
  /** Creation time (default: now); `null` leaves `created` out. */
  created?: number | Date | null;
  /** Expiry time (absolute), if any. */
  expires?: number | Date;
  /** Key identifier to announce as `keyid`. */
  keyid?: string;
  /** A one-time value for replay protection. */
  nonce?: string;
  /** Application-specific tag. */
  tag?: string;
  /** Whether to write the `alg` parameter (default `true`). */
  includeAlg?: boolean;
  /** Clock for the default `created` time. */
  now?: Clock;
  /** `auto` (node:crypto when available) or `web-crypto`. */
  backend?: CryptoBackend;
}

/** The result of {@link signHttpMessage}. */
export interface SignedHttpMessage {
  /** The label used. */
  readonly label: string;
  /** The algorithm used. */
  readonly algorithm: SignatureAlgorithm;
  /** The exact string that was signed. */
  readonly signatureBase: string;
  /** The raw signature bytes. */
  readonly signature: Uint8Array;
  /** Header values to set, merged with any signatures already on the message. */
  readonly headers: { readonly 'signature-input': string; readonly signature: string };
}

/**
 * Signs a request or response per RFC 9421 with `ed25519` or `hmac-sha256` and returns the
 * `Signature-Input` and `Signature` header values (existing signatures on the message are kept).
 * Component names are always emitted in lowercase.
 *
 * @example
 * const signed = await signHttpMessage(
 *   { method: 'POST', url: 'https://example.com/hooks', headers: { 'content-digest': digest } },
 *   { key: privateKeyPem, keyid: 'partner-2025', components: ['@method', '@target-uri', 'content-digest'] },
 * );
 * headers.set('signature-input', signed.headers['signature-input']);
 * headers.set('signature', signed.headers.signature);
 */
export async function signHttpMessage(message: HttpMessageLike, options: SignHttpMessageOptions): Promise<SignedHttpMessage> {
  const label = options.label ?? 'sig1';
  if (!isValidLabel(label)) {
    throw new WebhookVerificationError('malformed_header', `Signature label "${label}" must be a lowercase structured-field key such as "sig1".`, {
      header: 'signature-input',
    });
  }
  const key = await prepareKey(options.key, 'sign', options.algorithm, options.backend);
  const created = options.created === null ? undefined : options.created === undefined ? nowInSeconds(options.now) : toUnixSeconds(options.created);
  const { base, components, params, signatureParams } = createSignatureBase(message, {
    ...options,
    params: {
      created,
      expires: options.expires === undefined ? undefined : toUnixSeconds(options.expires),
      keyid: options.keyid,
      alg: options.includeAlg === false ? undefined : key.algorithm,
      nonce: options.nonce,
      tag: options.tag,
    },
  });
  const signature = await key.sign(latin1Bytes(base));
  const fields = createFieldReader(message.headers);
  const input: InnerList = [components.map((id) => [id.name, id.params as Parameters]), params];
  const bytes = signature as Uint8Array<ArrayBuffer>;
  return {
    label,
    algorithm: key.algorithm,
    signatureBase: base,
    signature,
    headers: {
      'signature-input': appendDictionaryMember(fields('signature-input'), label, input, 'signature-input', signatureParams),
      signature: appendDictionaryMember(fields('signature'), label, [bytes, new Map()], 'signature', serializeByteSequence(bytes)),
    },
  };
}
