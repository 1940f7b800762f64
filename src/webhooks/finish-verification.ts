import type { RawMessage } from './raw-message.ts';
import type { EventRegistry } from './event-registry.ts';
import { DEFAULT_EVENT_FIELD, validateEvent } from './event-registry.ts';
import { parseJsonBody } from './parse-json.ts';
import type { VerifiedWebhook } from './verified-webhook.ts';

/** Reads the event type a payload names: its `field` (the envelope's event field, default `event`). */
export function eventField(payload: unknown, field = DEFAULT_EVENT_FIELD): unknown {
  return typeof payload === 'object' && payload !== null && !Array.isArray(payload) ? (payload as Record<string, unknown>)[field] : undefined;
}

/**
 * The steps after authenticity is established: parse, identify (by `field`, the envelope's
 * event field), validate. The payload is returned as sent (validation does not strip unknown
 * fields), so nothing is lost.
 */
export function finishVerification<M>(
  registry: EventRegistry,
  message: RawMessage,
  meta: { deliveryId?: string; timestamp?: Date } = {},
  field = DEFAULT_EVENT_FIELD,
): VerifiedWebhook<M> {
  const payload = parseJsonBody(message.text);
  const type = validateEvent(registry, payload, eventField(payload, field), field);
  return { type, payload, ...meta } as VerifiedWebhook<M>;
}
