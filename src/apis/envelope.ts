/**
 * The body of a delivery as the description's envelope places it: the event type, the data, and
 * where the API has them a delivery id and a timestamp, over a fake payload of the event.
 * @module
 */
import type { DeliveryDescription } from './delivery-description.ts';

export interface EnvelopeValues {
  readonly event: string;
  /** The event's data; default: the fake payload's, or `{}`. */
  readonly data?: unknown;
  /** A fake payload of the event (`{}` when the data is given). */
  readonly fake?: Record<string, unknown>;
  /** Default: a random UUID. */
  readonly id?: string;
  /** Default: now. */
  readonly timestamp?: Date;
}

/** A delivery body in the API's envelope; a body with no `data` field in its envelope is the data itself plus the event. */
export function buildEnvelope(description: DeliveryDescription, values: EnvelopeValues): Record<string, unknown> {
  const { event, id, data, timestamp } = description.envelope;
  const fake = values.fake ?? {};
  const body: Record<string, unknown> = { ...fake };
  if (id !== undefined) body[id] = values.id ?? crypto.randomUUID();
  if (event !== undefined) body[event] = values.event;
  if (timestamp !== undefined) body[timestamp] = (values.timestamp ?? new Date()).toISOString();
  if (data !== undefined) body[data] = values.data ?? fake[data] ?? {};
  else if (values.data !== undefined && typeof values.data === 'object' && values.data !== null) Object.assign(body, values.data);
  return body;
}

/** The string field `field` of a JSON body, if it has one. */
export function bodyField(body: string, field: string | undefined): string | undefined {
  if (field === undefined) return undefined;
  try {
    const value = (JSON.parse(body) as Record<string, unknown>)[field];
    return typeof value === 'string' && value !== '' ? value : undefined;
  } catch {
    return undefined;
  }
}
