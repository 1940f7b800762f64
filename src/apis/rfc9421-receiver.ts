/**
 * The receiver of an API whose deliveries carry an RFC 9421 signature, built from its
 * description: the signature over the description's components (and at least `content-digest`
 * and `@method`) with the key given or resolved by `keyid`, `created`/`expires`, the
 * `Content-Digest` over the raw body, then the payload against the spec's validators.
 * @module
 */
import { WebhookVerificationError } from '../errors/webhook-verification-error.ts';
import { createRfc9421Scheme } from '../schemes/rfc9421.ts';
import type { Clock } from '../signatures/rfc9421-clock.ts';
import type { KeyInput } from '../signatures/rfc9421-keys.ts';
import type { KeyResolver } from '../signatures/rfc9421-verify.ts';
import { DEFAULT_EVENT_FIELD, type EventRegistry } from '../webhooks/event-registry.ts';
import { finishVerification } from '../webhooks/finish-verification.ts';
import { readRawMessage, type WebhookInput } from '../webhooks/raw-message.ts';
import type { VerifiedWebhook } from '../webhooks/verified-webhook.ts';
import type { Rfc9421Delivery } from './delivery-description.ts';

export interface Rfc9421WebhookOptions {
  /** The public key (PEM, JWK, raw 32 bytes, `KeyObject`, `CryptoKey`). */
  publicKey?: KeyInput;
  /** Finds the key by the signature's `keyid`; used when `publicKey` is not given. */
  keyResolver?: KeyResolver;
  /** Components the signature must cover (any case); default: the description's. `content-digest` and `@method` always are. */
  requiredComponents?: readonly string[];
  /** The URL the sender addressed, when a proxy changed it: the exact public URL, or a map of the URL received. */
  publicUrl?: string | ((receivedUrl: string) => string);
  /** Oldest accepted `created`, in seconds (default 300). */
  maxAgeSeconds?: number;
  /** Allowed clock difference for `created` in the future and for `expires`, in seconds (default 60). */
  clockSkewSeconds?: number;
  /** The receiver's clock (UNIX seconds or a `Date`). */
  now?: Clock;
  /** Largest body accepted, in bytes (default 1 MiB). */
  maxBodyBytes?: number;
}

/** A verified delivery and the `keyid` of the signature that verified. */
export type Rfc9421Webhook<M> = VerifiedWebhook<M> & { readonly keyId: string | undefined };

export interface Rfc9421Receiver<M> {
  verify(input: WebhookInput, options: Rfc9421WebhookOptions): Promise<Rfc9421Webhook<M>>;
}

/** Without these the body and the action are not authenticated, whatever the caller lists. */
const ALWAYS_REQUIRED = ['content-digest', '@method'] as const;

export function createRfc9421Receiver<M>(description: Rfc9421Delivery, registry: EventRegistry): Rfc9421Receiver<M> {
  const scheme = createRfc9421Scheme(description.rfc9421);
  const provider = description.provider ?? 'the provider';
  const keyUrl = description.rfc9421['key-url'];
  const eventField = description.envelope.event ?? DEFAULT_EVENT_FIELD;
  return {
    async verify(input, options) {
      const key = options.publicKey ?? options.keyResolver;
      if (key === undefined || key === null) {
        throw new WebhookVerificationError(
          'missing_secret',
          `No ${provider} webhook key is configured: pass publicKey${keyUrl === undefined ? '' : ` (from GET ${keyUrl})`} or keyResolver.`,
        );
      }
      const message = await readRawMessage(input, options.maxBodyBytes);
      if (message.url === undefined || message.url === '') {
        throw new WebhookVerificationError(
          'malformed_header',
          'The request URL is missing: the signature covers @target-uri, so pass { body, headers, method, url } with the full URL the message was sent to.',
        );
      }
      const url = options.publicUrl === undefined ? message.url : typeof options.publicUrl === 'string' ? options.publicUrl : options.publicUrl(message.url);
      const listed = (options.requiredComponents ?? description.rfc9421.components).map((component) => component.toLowerCase());
      const signature = await scheme.verify({
        method: message.method,
        url,
        headers: message.headers,
        key,
        requiredComponents: [...new Set([...ALWAYS_REQUIRED, ...listed])],
        maxAgeSeconds: options.maxAgeSeconds,
        clockSkewSeconds: options.clockSkewSeconds,
        now: options.now,
        body: message.body,
      });
      const created = signature.params.created;
      const event = finishVerification<M>(registry, message, created === undefined ? {} : { timestamp: new Date(created * 1000) }, eventField);
      return { ...event, keyId: signature.params.keyid };
    },
  };
}
