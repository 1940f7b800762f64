import type { Webhooks } from '../../generated/proven/types.gen.ts';
import { webhookValidators } from '../../generated/proven/webhook-validators.gen.ts';
import { createApiKeyReceiver } from '../apis/api-key-receiver.ts';
import { eventRegistryOf } from '../webhooks/event-registry.ts';
import type { WebhookInput } from '../webhooks/raw-message.ts';
import type { EventMapOf, VerifiedWebhook } from '../webhooks/verified-webhook.ts';
import { description } from './sign-delivery.ts';

/** Proven event type → payload type, from the generated webhook types. */
export type ProvenEvents = EventMapOf<Webhooks>;
/** A verified Proven delivery. */
export type ProvenWebhookEvent = VerifiedWebhook<ProvenEvents>;

export interface ProvenWebhookOptions {
  /**
   * The shared key Proven sends in `X-API-Key`. The document makes the header optional; when
   * a key is configured here it is required and compared in constant time. Several keys may
   * be given during a rotation.
   */
  apiKey?: string | readonly string[];
  /** Largest body accepted, in bytes (default 1 MiB). */
  maxBodyBytes?: number;
}

const receiver = createApiKeyReceiver<ProvenEvents>(description, eventRegistryOf(webhookValidators));

/**
 * Verifies a Proven delivery: the `X-API-Key` header when a key is configured (constant time),
 * and always the payload against the spec (the document asks receivers to validate it). Proven
 * sends no signature.
 *
 * @example
 * const event = await verifyProvenWebhook(request, { apiKey: process.env.PROVEN_API_KEY });
 * if (event.type === 'credentials:done') console.log(event.payload.webhook.cred_ex_id);
 */
export function verifyProvenWebhook(input: WebhookInput, options: ProvenWebhookOptions = {}): Promise<ProvenWebhookEvent> {
  return receiver.verify(input, options);
}

/**
 * The synchronous twin of {@link verifyProvenWebhook} for a raw body already in hand.
 *
 * @example
 * const event = verifyProvenWebhookSync({ body: rawBody, headers: req.headers }, { apiKey });
 */
export function verifyProvenWebhookSync(input: Exclude<WebhookInput, Request>, options: ProvenWebhookOptions = {}): ProvenWebhookEvent {
  return receiver.verifySync(input, options);
}
