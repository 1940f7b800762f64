/**
 * `hookspec/proven`: Proven webhook verification (X-API-Key and payload validation) and typed handlers.
 * Proven has no management API, so there is no client.
 * @module
 */
export {
  verifyProvenWebhook,
  verifyProvenWebhookSync,
  type ProvenEvents,
  type ProvenWebhookEvent,
  type ProvenWebhookOptions,
} from './verify-webhook.ts';
export { createProvenWebhookHandler } from './webhook-handler.ts';
export { WebhookVerificationError, isWebhookVerificationError } from '../errors/webhook-verification-error.ts';
export type * from '../../generated/proven/types.gen.ts';
export { createProvenTestDelivery, type ProvenTestDeliveryOptions } from './test-delivery.ts';
export type { TestDelivery } from '../delivery/test-delivery.ts';
