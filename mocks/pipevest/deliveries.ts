import type { Subscription, WebhookTestResult } from '../../generated/pipevest/types.gen.ts';
import type { DeliveryRecord } from '../../src/delivery/index.ts';

/**
 * Whether a webhook's subscriptions cover an event, by the spec's
 * `x-hookspec-subscription-groups`: `ALL` covers every event, a group name covers the events
 * named `<group>.…` (`WEBHOOK` → `WEBHOOK.CREATED`, `WEBHOOK.UPDATED`; `ACCOUNT` → none yet),
 * and an event name covers itself.
 */
export function subscriptionsCover(subscriptions: readonly Subscription[], event: string): boolean {
  return subscriptions.some((subscription) => subscription === 'ALL' || subscription === event || event.startsWith(`${subscription}.`));
}

/** The outcome of the one-attempt test message, as `POST /auth/test` reports it. */
export function toTestResult(record: DeliveryRecord): WebhookTestResult {
  const delivered = record.state === 'delivered';
  const error = record.lastError ?? (delivered ? null : `The webhook URL answered ${record.lastStatus ?? 'nothing'}.`);
  return { delivered, httpStatus: record.lastStatus, ...(error === null ? {} : { error }) };
}
