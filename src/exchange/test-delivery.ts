import type { Webhooks } from '../../generated/exchange/types.gen.ts';
import { DEFAULT_TEST_DELIVERY_URL, toTestDelivery, type TestDelivery } from '../delivery/test-delivery.ts';
import { exchangeEnvelope, exchangeSigner } from './sign-delivery.ts';

export interface ExchangeTestDeliveryOptions {
  /** The event type, as it travels on the wire. */
  event: Webhooks['key'];
  /** The event's `data`. Ignored when `body` is given. */
  data?: unknown;
  /** The registration `secretKey` (POST /partner/webhooks response). */
  secret: string;
  /** Where the delivery goes (default `http://localhost/webhooks`). */
  url?: string;
  /** The exact body to sign, instead of the `{ event, data }` envelope. */
  body?: string;
}

/**
 * Builds an Exchange delivery as the project's mock sends it: a `{ event, data }` body and
 * `X-Signature: sha256=<hex HMAC-SHA256 of the body>` (the header name is the mock's choice:
 * the document names none). For receivers' unit tests.
 *
 * @example
 * const { request } = await createExchangeTestDelivery({ event: 'order.created', data: { orderId: 'ord_1' }, secret });
 */
export async function createExchangeTestDelivery(options: ExchangeTestDeliveryOptions): Promise<TestDelivery> {
  const body = options.body ?? JSON.stringify(exchangeEnvelope(options.event, {}, options.data ?? {}));
  const headers = await exchangeSigner(options.secret)(body);
  return toTestDelivery(options.url ?? DEFAULT_TEST_DELIVERY_URL, body, headers);
}
