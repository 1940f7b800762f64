import type { Webhooks } from '../../generated/sidclaw/types.gen.ts';
import { DEFAULT_TEST_DELIVERY_URL, toTestDelivery, type TestDelivery } from '../delivery/test-delivery.ts';
import { sidclawEnvelope, sidclawSigner } from './sign-delivery.ts';

export interface SidclawTestDeliveryOptions {
  /** The event type, as it travels on the wire. */
  event: Webhooks['key'];
  /** The event's `data`. Ignored when `body` is given. */
  data?: unknown;
  /** The endpoint secret (`secret` in the POST /api/v1/webhooks response). */
  secret: string;
  /** Where the delivery goes (default `http://localhost/webhooks`). */
  url?: string;
  /** `X-Webhook-ID` and the body's `id` (default: a random UUID). */
  id?: string;
  /** `X-Webhook-Timestamp` and the body's `timestamp` (default: now). */
  timestamp?: Date;
  /** The body's `tenant_id` (left out by default). */
  tenantId?: string;
  /** The exact body to sign, instead of the envelope built from `event` and `data`. */
  body?: string;
}

/**
 * Builds a SidClaw delivery exactly as SidClaw sends it: the `{ id, event, timestamp,
 * tenant_id, data }` envelope, `X-Webhook-ID`, `X-Webhook-Timestamp` and
 * `X-Webhook-Signature: sha256=<hex HMAC-SHA256 of the body>`. For receivers' unit tests.
 *
 * @example
 * const { request } = await createSidclawTestDelivery({ event: 'approval.requested', data: { approval_id: 'ap_1' }, secret });
 * const response = await handler(request);
 */
export async function createSidclawTestDelivery(options: SidclawTestDeliveryOptions): Promise<TestDelivery> {
  const id = options.id ?? crypto.randomUUID();
  const timestamp = options.timestamp ?? new Date();
  const body = options.body ?? JSON.stringify(sidclawEnvelope(id, options.event, {}, options.data ?? {}, options.tenantId, timestamp));
  const headers = await sidclawSigner(options.secret, id, () => timestamp)(body);
  return toTestDelivery(options.url ?? DEFAULT_TEST_DELIVERY_URL, body, headers, { id, timestamp });
}
