import { DeliveryError } from './errors.ts';
import type { DeliveryBody, DeliveryInput, DeliverySigner, NormalizedEngineOptions } from './types.ts';
import { MAX_TIMER_MS, describe, integerInRange, onlyKnownKeys, optionalFunction, plainObject, stringRecord } from './validate.ts';

/** A validated delivery with engine defaults applied. */
export interface NormalizedDelivery {
  readonly id: string;
  readonly url: string;
  readonly eventType: string;
  readonly body: DeliveryBody;
  readonly headers: Readonly<Record<string, string>>;
  readonly sign: DeliverySigner | undefined;
  readonly timeoutMs: number;
  readonly maxAttempts: number;
  readonly meta: unknown;
}

const DELIVERY_KEYS = [
  'id',
  'url',
  'eventType',
  'body',
  'headers',
  'sign',
  'timeoutMs',
  'maxAttempts',
  'meta',
] as const satisfies readonly (keyof DeliveryInput)[];

const CODE = 'invalid_delivery';

/**
 * Validates a delivery and fills in the engine's defaults. Throws a
 * `DeliveryError` with code `invalid_delivery`.
 *
 * @example
 * const d = normalizeDelivery({ url: 'https://example.com/hook', eventType: 'ping', body: '{}' }, options);
 * d.timeoutMs; // options.timeoutMs
 */
export function normalizeDelivery(input: DeliveryInput, options: NormalizedEngineOptions): NormalizedDelivery {
  const raw = plainObject(CODE, 'delivery', input);
  onlyKnownKeys(CODE, 'delivery', raw, DELIVERY_KEYS);

  const id = raw.id === undefined ? crypto.randomUUID() : raw.id;
  if (typeof id !== 'string' || id.length === 0) {
    throw new DeliveryError(CODE, `delivery.id must be a non-empty string, got ${describe(id)}`);
  }
  if (typeof raw.eventType !== 'string' || raw.eventType.length === 0) {
    throw new DeliveryError(CODE, `delivery.eventType must be a non-empty string, got ${describe(raw.eventType)}`);
  }
  if (typeof raw.body !== 'string' && !(raw.body instanceof Uint8Array)) {
    throw new DeliveryError(CODE, `delivery.body must be a string or Uint8Array, got ${describe(raw.body)}`);
  }

  return {
    id,
    url: validateUrl(raw.url),
    eventType: raw.eventType,
    body: raw.body,
    headers: stringRecord(CODE, 'delivery.headers', raw.headers),
    sign: optionalFunction<DeliverySigner>(CODE, 'delivery.sign', raw.sign),
    timeoutMs: integerInRange(CODE, 'delivery.timeoutMs', raw.timeoutMs ?? options.timeoutMs, 1, MAX_TIMER_MS),
    maxAttempts: integerInRange(CODE, 'delivery.maxAttempts', raw.maxAttempts ?? options.maxAttempts, 1, 1000),
    meta: raw.meta,
  };
}

function validateUrl(value: unknown): string {
  if (typeof value !== 'string') {
    throw new DeliveryError(CODE, `delivery.url must be a string, got ${describe(value)}`);
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch (cause) {
    throw new DeliveryError(CODE, `delivery.url is not an absolute URL: ${JSON.stringify(value)}`, { cause });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new DeliveryError(CODE, `delivery.url must use http: or https:, got ${JSON.stringify(url.protocol)}`);
  }
  // Keep the caller's spelling: the record shows the URL exactly as registered.
  return value;
}
