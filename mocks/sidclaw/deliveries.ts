import type { WebhookDelivery, WebhookTestResult } from '../../generated/sidclaw/types.gen.ts';
import type { DeliveryRecord } from '../../src/delivery/index.ts';
import { signHmacSha256Async } from '../../src/signatures/hmac-sha256-header-web-crypto.ts';
import { sidclawMockCredentials } from './credentials.ts';

/** The meta the SidClaw mock keeps on each delivery record. */
export interface SidclawDeliveryMeta {
  endpointId: string;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** A delivery record as `GET /webhooks/{id}/deliveries` reports it. */
export function toWebhookDelivery(record: DeliveryRecord): WebhookDelivery {
  return {
    id: record.id,
    event_type: record.eventType,
    status: record.state,
    http_status: record.lastStatus,
    attempts: record.attempts,
    created_at: iso(record.createdAt)!,
    delivered_at: iso(record.deliveredAt),
    next_retry_at: iso(record.nextRetryAt),
  };
}

/** The outcome of a one-attempt test delivery as `POST /webhooks/{id}/test` reports it. */
export function toTestResult(record: DeliveryRecord): WebhookTestResult {
  return {
    delivered: record.state === 'delivered',
    http_status: record.lastStatus,
    response_time_ms: Math.round(record.attemptLog.at(-1)?.durationMs ?? 0),
    ...(record.lastError === null ? {} : { error: record.lastError }),
  };
}

/**
 * Signs a SidClaw delivery as the document describes: the same `X-Webhook-ID` on every
 * attempt, a fresh `X-Webhook-Timestamp`, and `X-Webhook-Signature: sha256=<hex>` of the body.
 */
export function sidclawSigner(secret: string, deliveryId: string) {
  return async (body: string | Uint8Array) => ({
    'content-type': 'application/json',
    'x-webhook-id': deliveryId,
    'x-webhook-timestamp': new Date().toISOString(),
    'x-webhook-signature': await signHmacSha256Async(secret, body),
  });
}

/**
 * The body of a SidClaw delivery: the envelope of the document's test event (`id`, `event`,
 * `timestamp`, `tenant_id`, `data`), over a fake payload; `data` replaces the fake data.
 */
export function sidclawEnvelope(id: string, event: string, fake: Record<string, unknown>, data?: unknown): Record<string, unknown> {
  return {
    ...fake,
    id,
    event,
    timestamp: new Date().toISOString(),
    tenant_id: sidclawMockCredentials.tenantId,
    ...(data === undefined ? {} : { data }),
  };
}
