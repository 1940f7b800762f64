import type { RawMessage } from './raw-message.ts';
import type { EventRegistry } from './event-registry.ts';
import { validateEvent } from './event-registry.ts';
import { parseJsonBody } from './parse-json.ts';
import type { VerifiedWebhook } from './verified-webhook.ts';

/** Reads the event type a payload names: its `event` field. */
export function eventField(payload: unknown): unknown {
  return typeof payload === 'object' && payload !== null && !Array.isArray(payload) ? (payload as { event?: unknown }).event : undefined;
}

/**
 * The steps after authenticity is established: parse, identify, validate. The payload is
 * returned as sent (validation does not strip unknown fields), so nothing is lost.
 */
export function finishVerification<M>(registry: EventRegistry, message: RawMessage, meta: { deliveryId?: string; timestamp?: Date } = {}): VerifiedWebhook<M> {
  const payload = parseJsonBody(message.text);
  const type = validateEvent(registry, payload, eventField(payload));
  return { type, payload, ...meta } as VerifiedWebhook<M>;
}
