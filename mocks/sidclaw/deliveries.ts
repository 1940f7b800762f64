import type { WebhookDelivery, WebhookTestResult } from '../../generated/sidclaw/types.gen.ts';
import type { DeliveryRecord } from '../../src/delivery/index.ts';

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
