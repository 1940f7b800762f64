import type { Webhooks } from '../../generated/provenonce/types.gen.ts';
import { DEFAULT_TEST_DELIVERY_URL, toTestDelivery, type TestDelivery } from '../delivery/test-delivery.ts';
import { provenonceEnvelope, provenonceSigner } from './sign-delivery.ts';

export interface ProvenonceTestDeliveryOptions {
  /** The event type, as it travels on the wire. */
  event: Webhooks['key'];
  /** The event's `data`. Ignored when `body` is given. */
  data?: unknown;
  /** The partner webhook secret (`webhook_secret` in the PUT /api/v1/partner/webhook response). */
  secret: string;
  /** Where the delivery goes (default `http://localhost/webhooks`). */
  url?: string;
  /** The exact body to sign, instead of the `{ event, data }` envelope. */
  body?: string;
}

/**
 * Builds a Provenonce delivery exactly as Provenonce sends it: a `{ event, data }` body and
 * `x-provenonce-signature: sha256=<hex HMAC-SHA256 of the body>` (no id, no timestamp: the
 * scheme signs only the body). For receivers' unit tests.
 *
 * @example
 * const { request } = await createProvenonceTestDelivery({ event: 'agent.frozen', data: { agent_id: 'ag_1' }, secret });
 */
export async function createProvenonceTestDelivery(options: ProvenonceTestDeliveryOptions): Promise<TestDelivery> {
  const body = options.body ?? JSON.stringify(provenonceEnvelope(options.event, {}, options.data ?? {}));
  const headers = await provenonceSigner(options.secret)(body);
  return toTestDelivery(options.url ?? DEFAULT_TEST_DELIVERY_URL, body, headers);
}
