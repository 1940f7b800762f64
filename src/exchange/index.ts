/**
 * `hookspec/exchange`: the Exchange partner client, webhook verification and typed handlers.
 * @module
 */
export { createExchangeClient, createExchangeProxyClient, type ExchangeClient } from './client.ts';
export type { ProxyClientOptions } from '../client/proxy-client.ts';
export {
  verifyExchangeWebhook,
  verifyExchangeWebhookSync,
  type ExchangeEvents,
  type ExchangeWebhookEvent,
  type ExchangeWebhookOptions,
} from './verify-webhook.ts';
export { createExchangeWebhookHandler } from './webhook-handler.ts';
export { WebhookVerificationError, isWebhookVerificationError } from '../errors/webhook-verification-error.ts';
export { ClientConfigError } from '../client/client-error.ts';
export { exchangeEventTypes, exchangeWebhookEvents, type ExchangeWebhookEventType } from './events.ts';
export type * from '../../generated/exchange/types.gen.ts';
export { createExchangeTestDelivery, type ExchangeTestDeliveryOptions } from './test-delivery.ts';
export type { TestDelivery } from '../delivery/test-delivery.ts';
