import { EventTypeSchema } from '../../generated/exchange/schemas.gen.ts';
import type { EventType } from '../../generated/exchange/types.gen.ts';
import { webhookEvents } from '../../generated/exchange/webhook-events.gen.ts';

/** Every event type the Exchange spec's webhooks send (for a `switch`, a filter, a mock trigger), from the generated code. */
export const exchangeWebhookEvents: typeof webhookEvents = webhookEvents;

/** One of exchangeWebhookEvents. */
export type ExchangeWebhookEventType = (typeof webhookEvents)[number];

/**
 * The event types an endpoint can subscribe to (the spec's `EventType` enum, in its order): the
 * choices of a subscription form.
 *
 * @example
 * exchangeEventTypes.map((event) => <label key={event}><input type="checkbox" value={event} /> {event}</label>);
 */
export const exchangeEventTypes = EventTypeSchema.enum satisfies readonly EventType[];
