/**
 * `hookspec/pipevest`: the Pipevest client (every request signed with RFC 9421 and RFC 9530),
 * webhook verification with the key from `GET /webhooks/key`, and typed handlers.
 * @module
 */
export { createPipevestClient, type PipevestClient, type PipevestClientOptions, type PipevestSignedHeader } from './client.ts';
export { createPipevestRequestSigner, withIdempotencyKey, type PipevestRequestSignerOptions } from './sign-request.ts';
export {
  PIPEVEST_REQUEST_COMPONENTS,
  PIPEVEST_DELIVERY_COMPONENTS,
  PIPEVEST_DEFAULT_KEY_ID,
  PIPEVEST_DEFAULT_SIGNATURE_TTL_SECONDS,
  requestKind,
  type PipevestRequestKind,
} from './components.ts';
export {
  verifyPipevestWebhook,
  type PipevestEvents,
  type PipevestWebhookEvent,
  type PipevestWebhookInput,
  type PipevestWebhookOptions,
} from './verify-webhook.ts';
export { createPipevestKeyResolver, type PipevestKeyResolver, type PipevestKeyResolverOptions } from './key-resolver.ts';
export { createPipevestWebhookHandler, type PipevestWebhookHandlers } from './webhook-handler.ts';
export { pipevestMockKeys, type PipevestTestKeyPair } from './mock-keys.ts';
export { WebhookVerificationError, isWebhookVerificationError } from '../errors/webhook-verification-error.ts';
export { ClientConfigError } from '../client/client-error.ts';
export type * from '../../generated/pipevest/types.gen.ts';
export { createPipevestTestDelivery, type PipevestTestDeliveryOptions } from './test-delivery.ts';
export type { TestDelivery } from '../delivery/test-delivery.ts';
