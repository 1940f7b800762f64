import { EventTypeSchema } from '../../generated/provenonce/schemas.gen.ts';
import type { EventType } from '../../generated/provenonce/types.gen.ts';
import { webhookEvents } from '../../generated/provenonce/webhook-events.gen.ts';

/** Every event type the Provenonce spec's webhooks send (for a `switch`, a filter, a mock trigger), from the generated code. */
export const provenonceWebhookEvents: typeof webhookEvents = webhookEvents;

/** One of provenonceWebhookEvents. */
export type ProvenonceWebhookEventType = (typeof webhookEvents)[number];

/**
 * The event types an endpoint can subscribe to (the spec's `EventType` enum, in its order): the
 * choices of a subscription form.
 *
 * @example
 * provenonceEventTypes.map((event) => <label key={event}><input type="checkbox" value={event} /> {event}</label>);
 */
export const provenonceEventTypes = EventTypeSchema.enum satisfies readonly EventType[];
