/**
 * What a provider sends, built from an API's description: the headers of a delivery (the
 * description's fixed headers and the scheme's) and a whole test delivery of an exact body.
 * @module
 */
import { DEFAULT_TEST_DELIVERY_URL, type TestDelivery, toTestDelivery } from '../delivery/test-delivery.ts';
import { createApiKeyScheme } from '../schemes/api-key.ts';
import { createHmacScheme } from '../schemes/hmac.ts';
import type { ApiKeyDelivery, DeliveryDescription, HmacDelivery } from './delivery-description.ts';

/** `content-type` and the description's fixed headers, lower-cased. */
export function fixedHeaders(description: DeliveryDescription): Record<string, string> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  for (const [name, value] of Object.entries(description.headers)) headers[name.toLowerCase()] = value;
  return headers;
}

export interface HmacSignerOptions {
  /** The delivery id, where the scheme sends one (default: a fresh one per call). */
  readonly messageId?: string;
  /** The signing time (default: now, read on each call). */
  readonly timestamp?: () => Date;
  /** The URL the delivery is POSTed to, where the scheme signs it. */
  readonly url?: string;
}

/** Signs deliveries of an HMAC API: called again on each attempt, so each gets a fresh timestamp. */
export function hmacSigner(
  description: HmacDelivery,
): (secret: string, options?: HmacSignerOptions) => (body: string | Uint8Array) => Promise<Record<string, string>> {
  const scheme = createHmacScheme(description.hmac);
  const fixed = fixedHeaders(description);
  return (secret, options = {}) =>
    async (body) => ({
      ...fixed,
      ...(await scheme.sign({
        body,
        secret,
        ...(options.messageId === undefined ? {} : { messageId: options.messageId }),
        ...(options.timestamp === undefined ? {} : { timestamp: options.timestamp() }),
        ...(options.url === undefined ? {} : { url: options.url }),
      })),
    });
}

/** The headers of a delivery of an `api-key` API: the key's header only when there is a key. */
export function apiKeyHeaders(description: ApiKeyDelivery, key: string | undefined): Record<string, string> {
  return { ...fixedHeaders(description), ...createApiKeyScheme(description['api-key']).sign(key) };
}

export interface HmacTestDeliveryInput {
  readonly body: string;
  readonly secret: string;
  readonly url?: string;
  /** The delivery id, where the scheme sends one (default: a random UUID). */
  readonly id?: string;
  /** Default: now. */
  readonly timestamp?: Date;
}

/** A delivery of an HMAC API with an exact body, signed as the provider signs it. */
export async function hmacTestDelivery(description: HmacDelivery, input: HmacTestDeliveryInput): Promise<TestDelivery> {
  const hasId = description.hmac['message-id'] !== undefined;
  const hasTimestamp = description.hmac.timestamp !== undefined || description.hmac.combined !== undefined;
  const id = hasId ? (input.id ?? crypto.randomUUID()) : undefined;
  const timestamp = hasTimestamp ? (input.timestamp ?? new Date()) : undefined;
  const url = input.url ?? DEFAULT_TEST_DELIVERY_URL;
  const headers = await hmacSigner(description)(input.secret, {
    ...(id === undefined ? {} : { messageId: id }),
    ...(timestamp === undefined ? {} : { timestamp: () => timestamp }),
    url,
  })(input.body);
  return toTestDelivery(url, input.body, headers, { ...(id === undefined ? {} : { id }), ...(timestamp === undefined ? {} : { timestamp }) });
}
