/**
 * `hookspec/sidclaw`: the SidClaw management client, webhook verification and typed handlers.
 * @module
 */
export { createSidclawClient, createSidclawProxyClient, type SidclawClient } from './client.ts';
export type { ProxyClientOptions } from '../client/proxy-client.ts';
export {
  verifySidclawWebhook,
  verifySidclawWebhookSync,
  type SidclawEvents,
  type SidclawWebhookEvent,
  type SidclawWebhookOptions,
} from './verify-webhook.ts';
export { createSidclawWebhookHandler } from './webhook-handler.ts';
export { ReplayStoreFullError, createMemoryReplayStore, type MemoryReplayStoreOptions, type ReplayStore } from '../webhooks/replay-store.ts';
export { WebhookVerificationError, isWebhookVerificationError } from '../errors/webhook-verification-error.ts';
export { ClientConfigError } from '../client/client-error.ts';
export { sidclawEventTypes, sidclawWebhookEvents, type SidclawWebhookEventType } from './events.ts';
export type * from '../../generated/sidclaw/types.gen.ts';
export { createSidclawTestDelivery, type SidclawTestDeliveryOptions } from './test-delivery.ts';
export type { TestDelivery } from '../delivery/test-delivery.ts';
