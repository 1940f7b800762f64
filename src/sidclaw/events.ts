import { EventTypeSchema } from '../../generated/sidclaw/schemas.gen.ts';
import type { EventType } from '../../generated/sidclaw/types.gen.ts';
import { webhookEvents } from '../../generated/sidclaw/webhook-events.gen.ts';

/** Every event type the SidClaw spec's webhooks send (for a `switch`, a filter, a mock trigger), from the generated code. */
export const sidclawWebhookEvents: typeof webhookEvents = webhookEvents;

/** One of sidclawWebhookEvents. */
export type SidclawWebhookEventType = (typeof webhookEvents)[number];

/**
 * The event types an endpoint can subscribe to (the spec's `EventType` enum, in its order): the
 * choices of a subscription form.
 *
 * @example
 * sidclawEventTypes.map((event) => <label key={event}><input type="checkbox" value={event} /> {event}</label>);
 */
export const sidclawEventTypes = EventTypeSchema.enum satisfies readonly EventType[];
