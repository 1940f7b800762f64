/**
 * The receiver of an API that sends a shared key in a header and signs nothing: the key when
 * one is configured, then always the payload against the spec's validators.
 * @module
 */
import { createApiKeyScheme } from '../schemes/api-key.ts';
import { DEFAULT_EVENT_FIELD, type EventRegistry } from '../webhooks/event-registry.ts';
import { finishVerification } from '../webhooks/finish-verification.ts';
import { readRawMessage, readRawMessageSync, type WebhookInput } from '../webhooks/raw-message.ts';
import type { VerifiedWebhook } from '../webhooks/verified-webhook.ts';
import type { ApiKeyDelivery } from './delivery-description.ts';

export interface ApiKeyWebhookOptions {
  /** The key the provider sends (several during a rotation); without one only the payload is checked. */
  apiKey?: string | readonly string[];
  /** Largest body accepted, in bytes (default 1 MiB). */
  maxBodyBytes?: number;
}

export interface ApiKeyReceiver<M> {
  verify(input: WebhookInput, options?: ApiKeyWebhookOptions): Promise<VerifiedWebhook<M>>;
  verifySync(input: Exclude<WebhookInput, Request>, options?: ApiKeyWebhookOptions): VerifiedWebhook<M>;
}

export function createApiKeyReceiver<M>(description: ApiKeyDelivery, registry: EventRegistry): ApiKeyReceiver<M> {
  const scheme = createApiKeyScheme(description['api-key']);
  const eventField = description.envelope.event ?? DEFAULT_EVENT_FIELD;
  return {
    async verify(input, options = {}) {
      const message = await readRawMessage(input, options.maxBodyBytes);
      scheme.verify(message.headers, options.apiKey);
      return finishVerification<M>(registry, message, {}, eventField);
    },
    verifySync(input, options = {}) {
      const message = readRawMessageSync(input, options.maxBodyBytes);
      scheme.verify(message.headers, options.apiKey);
      return finishVerification<M>(registry, message, {}, eventField);
    },
  };
}
