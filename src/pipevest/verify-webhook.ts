import type { Webhooks } from '../../generated/pipevest/types.gen.ts';
import { webhookValidators } from '../../generated/pipevest/webhook-validators.gen.ts';
import { WebhookVerificationError } from '../errors/webhook-verification-error.ts';
import type { KeyInput, KeyResolver } from '../signatures/index.ts';
import { eventRegistryOf } from '../webhooks/event-registry.ts';
import type { HeadersLike } from '../webhooks/raw-message.ts';
import type { EventMapOf, VerifiedWebhook } from '../webhooks/verified-webhook.ts';
import { createRfc9421Receiver, type Rfc9421WebhookOptions } from '../apis/rfc9421-receiver.ts';
import { description } from './description.ts';

/** Pipevest event type → payload type, from the generated webhook types. */
export type PipevestEvents = EventMapOf<Webhooks>;
/** A verified Pipevest webhook message, with the `keyid` that signed it. */
export type PipevestWebhookEvent = VerifiedWebhook<PipevestEvents> & {
  /** The `keyid` of the signature that verified. */
  readonly keyId: string | undefined;
};

/**
 * What the verifier reads: a Fetch `Request`, or the raw body with headers, method and URL.
 * The method and the full URL are required: the signature covers `@method` and `@target-uri`.
 */
export type PipevestWebhookInput = Request | { body: string | Uint8Array; headers: HeadersLike; method: string; url: string };

/** The RFC 9421 receiver's options, with Pipevest's key sources and default components. */
export interface PipevestWebhookOptions extends Rfc9421WebhookOptions {
  /** The webhook public key (PEM from `GET /webhooks/key`, JWK, raw 32 bytes, `KeyObject`, `CryptoKey`). */
  publicKey?: KeyInput;
  /** Finds the key by the signature's `keyid`; e.g. `createPipevestKeyResolver({ client })`. Used when `publicKey` is not given. */
  keyResolver?: KeyResolver;
  /**
   * Components the signature must cover (any case). Default: those the mock signs,
   * `content-digest`, `content-type`, `@method`, `@target-uri`. `content-digest` and `@method`
   * are always required: without them the body and the action are not authenticated.
   */
  requiredComponents?: readonly string[];
}

const receiver = createRfc9421Receiver<PipevestEvents>(description, eventRegistryOf(webhookValidators));

function checkKey(options: PipevestWebhookOptions): void {
  const key = options.publicKey ?? options.keyResolver;
  if (key === undefined || key === null) {
    throw new WebhookVerificationError(
      'missing_secret',
      'No Pipevest webhook key is configured: pass publicKey (from GET /webhooks/key) or keyResolver (createPipevestKeyResolver({ client })).',
    );
  }
}

/**
 * Verifies a Pipevest webhook message: its RFC 9421 Ed25519 signature (`Signature-Input` /
 * `Signature`, capitalised component names as the document writes them accepted) covering at
 * least `content-digest`, `content-type`, `@method` and `@target-uri`, with the key given or
 * resolved by `keyid`; `created` within `maxAgeSeconds` and `expires` not passed; the
 * `Content-Digest` over the raw body; then the payload against the spec. Throws a
 * `WebhookVerificationError` with a stable `code` otherwise (`signature_mismatch`,
 * `digest_mismatch`, `signature_expired`, `timestamp_out_of_tolerance`, `unknown_key`,
 * `insufficient_coverage`, `missing_header`, `invalid_payload`, …).
 *
 * There is no synchronous variant: Ed25519 verification with Web Crypto is asynchronous, and
 * a key resolver may have to fetch `GET /webhooks/key`.
 *
 * @example
 * const event = await verifyPipevestWebhook(request, { keyResolver: createPipevestKeyResolver({ client: pipevest }) });
 * if (event.type === 'WEBHOOK.UPDATED') console.log(event.payload.data?.subscriptions);
 */
export async function verifyPipevestWebhook(input: PipevestWebhookInput, options: PipevestWebhookOptions): Promise<PipevestWebhookEvent> {
  checkKey(options);
  return receiver.verify(input, options);
}
