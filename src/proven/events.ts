import { webhookEvents } from '../../generated/proven/webhook-events.gen.ts';

/** Every event type the Proven spec's webhooks send (for a `switch`, a filter, a mock trigger), from the generated code. */
export const provenWebhookEvents: typeof webhookEvents = webhookEvents;

/** One of provenWebhookEvents. */
export type ProvenWebhookEventType = (typeof webhookEvents)[number];
