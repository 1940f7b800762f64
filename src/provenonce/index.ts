/**
 * `hookspec/provenonce`: the Provenonce partner-webhook client, webhook verification and typed handlers.
 * @module
 */
export { createProvenonceClient, createProvenonceProxyClient, type ProvenonceClient } from './client.ts';
export type { ProxyClientOptions } from '../client/proxy-client.ts';
export {
  verifyProvenonceWebhook,
  verifyProvenonceWebhookSync,
  type ProvenonceEvents,
  type ProvenonceWebhookEvent,
  type ProvenonceWebhookOptions,
} from './verify-webhook.ts';
export { createProvenonceWebhookHandler } from './webhook-handler.ts';
export { WebhookVerificationError, isWebhookVerificationError } from '../errors/webhook-verification-error.ts';
export { ClientConfigError } from '../client/client-error.ts';
export { provenonceEventTypes, provenonceWebhookEvents, type ProvenonceWebhookEventType } from './events.ts';
export type * from '../../generated/provenonce/types.gen.ts';
export { createProvenonceTestDelivery, type ProvenonceTestDeliveryOptions } from './test-delivery.ts';
export type { TestDelivery } from '../delivery/test-delivery.ts';
