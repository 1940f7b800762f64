import type { Webhooks } from '../../generated/exchange/types.gen.ts';
import { webhookValidators } from '../../generated/exchange/webhook-validators.gen.ts';
import { createHmacReceiver } from '../apis/hmac-receiver.ts';
import type { HmacReceiverOptions } from '../webhooks/hmac-options.ts';
import { eventRegistryOf } from '../webhooks/event-registry.ts';
import type { WebhookInput } from '../webhooks/raw-message.ts';
import type { EventMapOf, VerifiedWebhook } from '../webhooks/verified-webhook.ts';
import { description } from './sign-delivery.ts';

/** Exchange event type → payload type, from the generated webhook types. */
export type ExchangeEvents = EventMapOf<Webhooks>;
/** A verified Exchange delivery. */
export type ExchangeWebhookEvent = VerifiedWebhook<ExchangeEvents>;
/** The secret(s) and body limit; the signature header, or its value read elsewhere. */
export interface ExchangeWebhookOptions extends HmacReceiverOptions {
  /** Header that carries the signature (default: the spec's). */
  signatureHeader?: string;
  /** The signature value itself, when the caller reads it from elsewhere (takes precedence over the header). */
  signature?: string;
}

/**
 * The document names no signature header; `X-Signature` is what this project's mock server
 * sends (recorded in the spec). Pass `signatureHeader` or the `signature` value itself for
 * the real provider.
 */
const receiver = createHmacReceiver<ExchangeEvents>(description, eventRegistryOf(webhookValidators));

/**
 * Verifies an Exchange delivery: HMAC-SHA256 of the raw body with the registration's
 * `secretKey`, given as `sha256=<hex>` either in `options.signature` or in the header
 * `options.signatureHeader` (default `X-Signature`), then the payload's `event`.
 *
 * @example
 * const event = await verifyExchangeWebhook(request, { secret: process.env.EXCHANGE_SECRET_KEY!, signatureHeader: 'x-exchange-signature' });
 */
export function verifyExchangeWebhook(input: WebhookInput, options: ExchangeWebhookOptions): Promise<ExchangeWebhookEvent> {
  return receiver.verify(input, options);
}

/**
 * The synchronous twin of {@link verifyExchangeWebhook} for a raw body already in hand.
 *
 * @example
 * const event = verifyExchangeWebhookSync({ body: rawBody, headers: req.headers }, { secret, signature: req.headers['x-signature'] });
 */
export function verifyExchangeWebhookSync(input: Exclude<WebhookInput, Request>, options: ExchangeWebhookOptions): ExchangeWebhookEvent {
  return receiver.verifySync(input, options);
}
