/**
 * The `rfc9421` scheme: an HTTP message signature (RFC 9421) with an asymmetric key over the
 * components the description lists, and the body bound through `Content-Digest` (RFC 9530).
 * Sign and verify any description of it; what a provider adds (a key resolver, its client's
 * request signing) stays with the provider.
 * @module
 */
import { createContentDigestAsync } from '../signatures/content-digest.ts';
import type { Clock } from '../signatures/rfc9421-clock.ts';
import type { KeyInput } from '../signatures/rfc9421-keys.ts';
import { signHttpMessage } from '../signatures/rfc9421-sign.ts';
import { type KeyResolver, type VerifiedSignature, verifyHttpMessage } from '../signatures/rfc9421-verify.ts';
import type { HeaderReader } from '../webhooks/raw-message.ts';

/** The `rfc9421` fields of `x-hookspec-delivery` (defaults filled in). */
export interface Rfc9421Description {
  readonly algorithm: 'ed25519';
  readonly label: string;
  /** The covered components, in order (lower-case identifiers). */
  readonly components: readonly string[];
  readonly 'content-digest'?: 'sha-256' | 'sha-512' | undefined;
  /** Seconds from `created` to `expires`. */
  readonly 'expires-after'?: number | undefined;
}

export interface Rfc9421SignInput {
  readonly body: string | Uint8Array;
  readonly method?: string;
  /** The URL the message is sent to (`@target-uri`). */
  readonly url: string;
  readonly key: KeyInput;
  readonly keyId: string;
  /** UNIX seconds (default: now). */
  readonly created?: number;
  /** UNIX seconds (default: `created` + the description's `expires-after`, if any). */
  readonly expires?: number;
  /** Other covered components than the description's (tests of receivers). */
  readonly components?: readonly string[];
}

export interface Rfc9421VerifyInput {
  readonly body: string | Uint8Array;
  readonly method: string;
  readonly url: string;
  readonly headers: HeaderReader;
  readonly key: KeyInput | KeyResolver;
  /** Components the signature must cover (default: the description's). */
  readonly requiredComponents?: readonly string[];
  readonly maxAgeSeconds?: number | undefined;
  readonly clockSkewSeconds?: number | undefined;
  readonly now?: Clock | undefined;
}

export interface Rfc9421Scheme {
  readonly description: Rfc9421Description;
  /** The headers of a signed message: `content-type`, `content-digest`, `signature-input`, `signature`. */
  sign(input: Rfc9421SignInput): Promise<Record<string, string>>;
  /** The signature that verified (and the `Content-Digest` over the body); a `WebhookVerificationError` otherwise. */
  verify(input: Rfc9421VerifyInput): Promise<VerifiedSignature>;
}

export function createRfc9421Scheme(description: Rfc9421Description): Rfc9421Scheme {
  const digests = [description['content-digest'] ?? 'sha-256'] as const;
  return {
    description,
    async sign(input) {
      const headers = { 'content-type': 'application/json', 'content-digest': await createContentDigestAsync(input.body, digests) };
      const created = input.created ?? Math.floor(Date.now() / 1000);
      const ttl = description['expires-after'];
      const expires = input.expires ?? (ttl === undefined ? undefined : created + ttl);
      const signed = await signHttpMessage(
        { method: input.method ?? 'POST', url: input.url, headers },
        {
          key: input.key,
          algorithm: description.algorithm,
          keyid: input.keyId,
          label: description.label,
          components: input.components ?? description.components,
          created,
          // Undefined: no expires parameter.
          expires,
          includeAlg: false,
        },
      );
      return { ...headers, 'signature-input': signed.headers['signature-input'], signature: signed.headers.signature };
    },
    async verify(input) {
      const [signature] = await verifyHttpMessage(
        { method: input.method, url: input.url, headers: input.headers },
        {
          key: input.key,
          algorithms: [description.algorithm],
          requiredComponents: input.requiredComponents ?? description.components,
          maxAge: input.maxAgeSeconds,
          clockSkew: input.clockSkewSeconds,
          now: input.now,
          body: input.body,
        },
      );
      // verifyHttpMessage throws unless a signature verified.
      return signature!;
    },
  };
}
