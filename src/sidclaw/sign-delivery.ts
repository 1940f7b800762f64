/**
 * How SidClaw signs and shapes a delivery (the sender side, as the document describes it).
 * The mock, the CLI and `check` all build SidClaw deliveries with these.
 * @module
 */
import { delivery } from '../../generated/sidclaw/delivery.gen.ts';
import { described } from '../apis/delivery-description.ts';
import { hmacSigner } from '../apis/senders.ts';

/** SidClaw's delivery description, from its spec's x-hookspec-delivery. */
export const description = described(delivery);

const signer = hmacSigner(description);

/**
 * Signs a SidClaw delivery as the document describes: the same `X-Webhook-ID` on every
 * attempt, a fresh `X-Webhook-Timestamp` (or `timestamp` when given), and
 * `X-Webhook-Signature: sha256=<hex>` of the body.
 */
export function sidclawSigner(secret: string, deliveryId: string, timestamp?: () => Date) {
  return signer(secret, timestamp === undefined ? { messageId: deliveryId } : { messageId: deliveryId, timestamp });
}

/**
 * The body of a SidClaw delivery: the envelope of the document's test event (`id`, `event`,
 * `timestamp`, `tenant_id`, `data`), over `fake` (a fake payload, or `{}`); `data` replaces the
 * fake data, and `tenant_id` is left out when `tenantId` is not given.
 */
export function sidclawEnvelope(
  id: string,
  event: string,
  fake: Record<string, unknown>,
  data?: unknown,
  tenantId?: string,
  timestamp: Date = new Date(),
): Record<string, unknown> {
  return {
    ...fake,
    id,
    event,
    timestamp: timestamp.toISOString(),
    ...(tenantId === undefined ? {} : { tenant_id: tenantId }),
    ...(data === undefined ? {} : { data }),
  };
}

/** From the spec: the document's test event has a 10 s timeout; it states none for events, so they get the same. */
export const SIDCLAW_DELIVERY_TIMEOUT_MS = description['timeout-ms'];
