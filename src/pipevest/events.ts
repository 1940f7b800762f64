import { webhookEvents } from '../../generated/pipevest/webhook-events.gen.ts';

/** Every event type the Pipevest spec's webhooks send (for a `switch`, a filter, a mock trigger), from the generated code. */
export const pipevestWebhookEvents: typeof webhookEvents = webhookEvents;

/** One of pipevestWebhookEvents. */
export type PipevestWebhookEventType = (typeof webhookEvents)[number];
