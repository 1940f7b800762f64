import type { Webhooks } from '../../generated/proven/types.gen.ts';
import { DEFAULT_TEST_DELIVERY_URL, toTestDelivery, type TestDelivery } from '../delivery/test-delivery.ts';
import { provenEnvelope, provenHeaders } from './sign-delivery.ts';

export interface ProvenTestDeliveryOptions {
  /** The event type, as it travels on the wire. */
  event: Webhooks['key'];
  /** The event data (the body's `webhook`). Ignored when `body` is given. */
  data?: unknown;
  /** The shared key sent in `X-API-Key` (optional, as in the document). */
  apiKey?: string;
  /** Where the delivery goes (default `http://localhost/webhooks`). */
  url?: string;
  /** The exact body to send, instead of the `{ event, webhook }` envelope. */
  body?: string;
}

/**
 * Builds a Proven delivery exactly as Proven sends it: a `{ event, webhook }` body with the
 * document's headers and `X-API-Key` when a key is given (Proven signs nothing). For
 * receivers' unit tests.
 *
 * @example
 * const { request } = await createProvenTestDelivery({ event: 'credentials:done', data: webhook, apiKey });
 */
export async function createProvenTestDelivery(options: ProvenTestDeliveryOptions): Promise<TestDelivery> {
  const body = options.body ?? JSON.stringify(provenEnvelope(options.event, {}, options.data ?? {}));
  const headers = provenHeaders(options.apiKey === undefined ? {} : { apiKey: options.apiKey });
  return toTestDelivery(options.url ?? DEFAULT_TEST_DELIVERY_URL, body, headers);
}
