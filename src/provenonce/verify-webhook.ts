import type { Webhooks } from '../../generated/provenonce/types.gen.ts';
import { webhookValidators } from '../../generated/provenonce/webhook-validators.gen.ts';
import { createHmacReceiver } from '../apis/hmac-receiver.ts';
import type { HmacReceiverOptions } from '../webhooks/hmac-options.ts';
import { eventRegistryOf } from '../webhooks/event-registry.ts';
import type { WebhookInput } from '../webhooks/raw-message.ts';
import type { EventMapOf, VerifiedWebhook } from '../webhooks/verified-webhook.ts';
import { description } from './sign-delivery.ts';

/** Provenonce event type → payload type, from the generated webhook types. */
export type ProvenonceEvents = EventMapOf<Webhooks>;
/** A verified Provenonce delivery. */
export type ProvenonceWebhookEvent = VerifiedWebhook<ProvenonceEvents>;
/** The secret(s) and body limit; the signature header, or its value read elsewhere. */
export interface ProvenonceWebhookOptions extends HmacReceiverOptions {
  /** Header that carries the signature (default: the spec's). */
  signatureHeader?: string;
  /** The signature value itself, when the caller reads it from elsewhere (takes precedence over the header). */
  signature?: string;
}

const receiver = createHmacReceiver<ProvenonceEvents>(description, eventRegistryOf(webhookValidators));

/**
 * Verifies a Provenonce delivery: `x-provenonce-signature: sha256=<hex>` over the raw body with
 * `webhook_secret` (several during a rotation), then the payload's `event` against the spec.
 * The document shows no payloads, so payloads stay open beyond their `event`.
 *
 * @example
 * const event = await verifyProvenonceWebhook(request, { secret: process.env.PROVENONCE_WEBHOOK_SECRET! });
 */
export function verifyProvenonceWebhook(input: WebhookInput, options: ProvenonceWebhookOptions): Promise<ProvenonceWebhookEvent> {
  return receiver.verify(input, options);
}

/**
 * The synchronous twin of {@link verifyProvenonceWebhook} for a raw body already in hand.
 *
 * @example
 * const event = verifyProvenonceWebhookSync({ body: rawBody, headers: req.headers }, { secret });
 */
export function verifyProvenonceWebhookSync(input: Exclude<WebhookInput, Request>, options: ProvenonceWebhookOptions): ProvenonceWebhookEvent {
  return receiver.verifySync(input, options);
}
